//! The JavaScript façade of restanse (wasm-bindgen): a thin layer over [`restanse::Engine`], built by
//! `scripts/build-pkg` into the npm package's three WebAssembly modules, one per additive feature:
//!
//! * `engine` — `restanse`: `new Engine(policy?, model?)`, assess, report, the policy ([`engine`], [`model`]);
//!   compiled for speed and held within its size budget (`tests/js/size.test.mjs`: 240 KB gzipped; issue 3 set
//!   200 KB, and BENCHMARKS.md says what the features since cost);
//! * `tools` — `restanse/tools`: the sample gym, the CSV export, Nets files and the change feed, the visit
//!   models ([`tools`], [`feeds`], [`visits`]); compiled for size, loaded only by pages that need them;
//! * `train` — `restanse/train`: fitting a risk model with linfa ([`model`]).
//!
//! Members cross the boundary as JSON, in and out: in as the UTF-8 bytes of the text (the JS wrapper in
//! `pkg/` does `JSON.stringify` and `TextEncoder`, or passes a file's bytes as they are), out as text for
//! `JSON.parse`. That is the same serde_json path the CLI uses, so the package returns exactly what
//! `restanse assess --format json` prints, and it is faster than converting object by object. Errors become
//! JS `Error`s whose message is JSON (`{"kind", "message", ...}`) for the wrapper to unpack ([`error`], the one
//! place errors are mapped); a panic hook is set at start-up, and no input path can panic.
//!
//! The crate compiles to nothing but on wasm32.
#![cfg(target_arch = "wasm32")]

#[cfg(feature = "engine")]
mod engine;
mod error;
#[cfg(feature = "tools")]
mod feeds;
#[cfg(any(feature = "engine", feature = "train"))]
mod model;
#[cfg(feature = "tools")]
mod tools;
#[cfg(feature = "tools")]
mod visits;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Talc instead of the default dlmalloc: as fast here, and 3 KB smaller.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
