//! Advice about a valid policy: choices the evidence argues against. Never an error.

use super::settings::{EvidenceModel, LatentModel, Policy};

impl Policy {
    /// Advice about a valid policy: choices that the evidence in `BENCHMARKS.md` argues against, as (field,
    /// why). Never an error; `restanse policy --check` and the commands that read a policy print them.
    pub fn warnings(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let bgnbd = "BG/NBD gives P(alive) = 1 to every member without a repeat visit, so on real data it ranks \
                     lapsed members worse than chance (CDNOW: AUC 0.32, BENCHMARKS.md \"Latent members\"); \
                     prefer \"mbgnbd\" or \"pareto\"";
        if self.latent.model == LatentModel::Bgnbd {
            out.push((
                "latent.model",
                format!("\"bgnbd\" decides who is latent: {bgnbd}, or the default \"rhythm\""),
            ));
        } else if self.latent.model == LatentModel::Rhythm
            && self.latent.evidence_model == EvidenceModel::Bgnbd
        {
            out.push((
                "latent.evidenceModel",
                format!("\"bgnbd\" puts its pAlive in the evidence: {bgnbd}"),
            ));
        }
        out
    }
}
