//! The evaluation a model.json carries (`evaluation`): ROC AUC, Brier score and a calibration table per scorer,
//! computed by `restanse-train` when it trains, read back here with the rest of the file.

use crate::json_fields::read_required;
use serde::Serialize;

/// One bin of the calibration table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bin {
    pub from: f64,
    pub to: f64,
    pub count: usize,
    pub mean_predicted: f64,
    pub observed_rate: f64,
}

/// How one scorer did on one set of snapshots.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub auc: f64,
    pub brier: f64,
    pub calibration: Vec<Bin>,
}

read_required!(Bin {
    "from" => from,
    "to" => to,
    "count" => count,
    "meanPredicted" => mean_predicted,
    "observedRate" => observed_rate,
} optional {});
read_required!(Metrics { "auc" => auc, "brier" => brier, "calibration" => calibration } optional {});
