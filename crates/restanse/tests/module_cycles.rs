//! The engine's modules import one another without cycles (issue 17), so a reader can follow a member through
//! `src/` in the order of the flow: input → member/validate → derive (claims, voice, law) → signals, risk,
//! actions → output and report.
//!
//! The graph is read from the source: module `a` depends on `b` when a file of `a` (`src/a.rs` or `src/a/…`)
//! names `crate::b` outside a comment; a root item (`crate::Engine`) counts as the module lib.rs re-exports it
//! from. A public module's `pub use crate::…;` is not counted: `input`, `output`, `policy`, `model` and
//! `visits` are both contracts low in the flow and façades re-exporting later stages, and a re-export is not
//! a dependency of the module's own code. A private module has no façade, so its `pub use` counts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Where the block opened by the `{` at `open` closes (just after its `}`), strings and character literals
/// skipped; the end of `code` when it does not close.
fn block_end(code: &str, open: usize) -> usize {
    let b = code.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'r' if b.get(i + 1).is_some_and(|&c| c == b'#' || c == b'"')
                && !code[..i].chars().next_back().is_some_and(is_ident) =>
            {
                // r"…" or r#"…"#: ends at the quote followed by as many #
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let from = i + 2 + hashes;
                    i = code[from..]
                        .find(&close)
                        .map_or(b.len(), |e| from + e + close.len());
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // a character literal ('{', '\'', '\u{7b}'), not a lifetime
                if b.get(i + 1) == Some(&b'\\') {
                    i = code[i + 2..].find('\'').map_or(b.len(), |e| i + 2 + e);
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 2;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// `text` without its comment lines and its `#[cfg(test)]` modules (a test may reach any stage; the layering
/// is the code's), and, when `facade`, without its `pub use crate::…;` statements.
fn code_of(text: &str, facade: bool) -> String {
    let mut code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    while let Some(start) = code.find("#[cfg(test)]\nmod ") {
        let Some(open) = code[start..].find('{').map(|o| start + o) else {
            break;
        };
        let end = block_end(&code, open);
        code.replace_range(start..end, "");
    }
    if facade {
        while let Some(start) = code.find("pub use crate::") {
            let end = code[start..]
                .find(';')
                .map_or(code.len(), |e| start + e + 1);
            code.replace_range(start..end, "");
        }
    }
    code
}

/// The first path segment after each `crate::` in `code` (each of them in `crate::{a, b::c}`), with the
/// number of the line it starts on.
fn crate_paths(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let line = code[..at].matches('\n').count();
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push((group[start..i].trim().to_string(), line));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push((group[start..i].trim().to_string(), line));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push((rest.to_string(), line));
        }
    }
    out.into_iter()
        .map(|(p, line)| (p.chars().take_while(|&c| is_ident(c)).collect(), line))
        .filter(|(p, _): &(String, usize)| !p.is_empty())
        .collect()
}

/// Module → (module it names → the first line that names it).
fn graph(src: &Path) -> Graph {
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    let lib_code = code_of(&lib, false);
    let public: BTreeSet<String> = lib_code
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect();
    // root items re-exported by lib.rs (`pub use engine::{Engine, …};`): the module they come from
    let mut root_items: BTreeMap<String, String> = BTreeMap::new();
    for stmt in lib_code.split(';') {
        if let Some(path) = stmt.trim().strip_prefix("pub use ") {
            let module: String = path.chars().take_while(|&c| is_ident(c)).collect();
            for item in path[module.len()..].split(|c: char| !is_ident(c)) {
                if !item.is_empty() {
                    root_items.insert(item.to_string(), module.clone());
                }
            }
        }
    }
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let module_of = |f: &Path| -> String {
        let rel = f.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_string()
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut g = Graph::new();
    for f in &files {
        let m = module_of(f);
        if m == "lib" {
            continue;
        }
        let text = fs::read_to_string(f).unwrap();
        let code = code_of(&text, public.contains(&m));
        for (name, line) in crate_paths(&code) {
            let target = root_items.get(&name).cloned().unwrap_or(name);
            if target == m || target == "lib" || !modules.contains(&target) {
                continue;
            }
            let line = code.lines().nth(line).unwrap_or("").trim();
            let rel = f.strip_prefix(src).unwrap().display();
            g.entry(m.clone())
                .or_default()
                .entry(target)
                .or_insert_with(|| format!("{rel}: {line}"));
        }
    }
    g
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.g.get(v).into_iter().flat_map(|e| e.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    comp.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.found.push(comp);
                }
            }
        }
    }
    let mut t = Tarjan {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.found
}

fn report(g: &Graph, found: &[Vec<String>]) -> String {
    let mut out = String::new();
    for comp in found {
        out.push_str(&format!("cycle among {comp:?}:\n"));
        for a in comp {
            for (b, line) in g.get(a).into_iter().flatten() {
                if comp.contains(b) {
                    out.push_str(&format!("  {a} -> {b}   {line}\n"));
                }
            }
        }
    }
    out
}

#[test]
fn the_engines_modules_import_one_another_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    // the reader sees something: the flow's main edges are found
    for (a, b) in [
        ("derive", "claims"),
        ("derive", "voice"),
        ("signals", "derive"),
    ] {
        assert!(
            g.get(a).is_some_and(|e| e.contains_key(b)),
            "{a} -> {b} not found"
        );
    }
    let found = cycles(&g);
    assert!(found.is_empty(), "{}", report(&g, &found));
    // the graph, in dependency order, for `cargo test -- --nocapture`
    for (a, edges) in &g {
        println!(
            "{a} -> {}",
            edges.keys().cloned().collect::<Vec<_>>().join(" ")
        );
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut g = Graph::new();
    for (a, b) in [
        ("input", "voice"),
        ("voice", "derive"),
        ("derive", "voice"),
        ("input", "dates"),
    ] {
        g.entry(a.into())
            .or_default()
            .insert(b.into(), format!("{a}.rs: use crate::{b};"));
    }
    let found = cycles(&g);
    assert_eq!(found, vec![vec!["derive".to_string(), "voice".to_string()]]);
    assert!(report(&g, &found).contains("voice -> derive   voice.rs: use crate::derive;"));
}

#[test]
fn paths_are_read_as_the_compiler_reads_them() {
    let code = code_of(
        "// crate::a in a comment\nuse crate::{b, c::D};\nlet x = crate::e::f();\n$crate::g::H\nmy_crate::i\npub use crate::j::K;\n",
        true,
    );
    let paths = crate_paths(&code);
    let names: Vec<(&str, usize)> = paths.iter().map(|(n, l)| (n.as_str(), *l)).collect();
    assert_eq!(names, [("b", 0), ("c", 0), ("e", 1), ("g", 2)]);
}
