//! The architecture, checked (ARCHITECTURE.md): each layer uses only the layers below it, and
//! no two files of the crate use each other, directly or through others.
//!
//! Layers, lowest first: `error` and `model` (pure data), `read` (text to model), `engine`
//! (check, score, stages, verify), `analysis` (data out), `report` (words), then the users of
//! all of them: `batch`, `catalog`, `conformance`, `schema`, and the command line.
//!
//! A file's uses are the `crate::…` paths in its code (doc comments and tests aside), and the
//! crate-root names it uses, resolved through the re-exports of `lib.rs`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)] // a test over the sources

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/read/tree.rs` → `read::tree`; `src/conformance/mod.rs` → `conformance`.
fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix("src").unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments, doc comments and `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layer of a module: its first path segment.
fn layer(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

/// What each layer may use, besides itself.
fn allowed(from: &str) -> &'static [&'static str] {
    match from {
        "error" => &[],
        "model" => &["error"],
        "read" => &["error", "model"],
        "engine" => &["error", "model"],
        "analysis" => &["error", "model", "engine"],
        "report" => &["error", "model", "engine", "analysis"],
        "batch" | "catalog" | "conformance" | "schema" | "guide" | "options" | "form"
        | "validate" | "testing" => &[
            "error",
            "model",
            "read",
            "engine",
            "analysis",
            "report",
            "batch",
            "catalog",
            "conformance",
            "validate",
        ],
        // The server and the bundles are outermost: they use the library as the command
        // line does.
        "serve" | "bundle" => &[
            "error",
            "model",
            "read",
            "engine",
            "analysis",
            "report",
            "batch",
            "catalog",
            "conformance",
            "validate",
            "options",
            "form",
            "schema",
        ],
        _ => &[],
    }
}

struct Crate {
    /// module → modules it uses
    uses: BTreeMap<String, BTreeSet<String>>,
}

fn read_crate() -> Crate {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.retain(|p| !p.starts_with("src/bin"));
    let modules: BTreeSet<String> = files.iter().map(|p| module_of(p)).collect();
    // Root re-exports: `pub use engine::score::{score};` → score ↦ engine::score.
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let mut root: BTreeMap<String, String> = BTreeMap::new();
    for stmt in lib.split("pub use ").skip(1) {
        let stmt = &stmt[..stmt.find(';').unwrap()];
        let (path, names) = match stmt.find("::{") {
            Some(i) => (&stmt[..i], &stmt[i + 3..stmt.len() - 1]),
            None => {
                let i = stmt.rfind("::").unwrap();
                (&stmt[..i], &stmt[i + 2..])
            }
        };
        for n in names.split(',') {
            let n = n.trim();
            if !n.is_empty() {
                root.insert(n.to_owned(), path.to_owned());
            }
        }
    }
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let me = module_of(f);
        if me.is_empty() {
            continue; // lib.rs: the re-exports
        }
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        let mut found = BTreeSet::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + 7..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            // The longest module prefix of the path, or a root name's module.
            let mut target = None;
            for k in (1..=segs.len()).rev() {
                let m = segs[..k].join("::");
                if modules.contains(&m) {
                    target = Some(m);
                    break;
                }
            }
            if target.is_none()
                && let Some(first) = segs.first()
            {
                target = root.get(*first).cloned();
            }
            if let Some(t) = target
                && t != me
            {
                found.insert(t);
            }
        }
        // `use crate::{a, b}` lists at the root.
        for (i, _) in code.match_indices("crate::{") {
            let list = &code[i + 8..i + 8 + code[i + 8..].find('}').unwrap()];
            for n in list.split(',') {
                if let Some(m) = root.get(n.trim()) {
                    found.insert(m.clone());
                }
            }
        }
        uses.insert(me, found);
    }
    Crate { uses }
}

#[test]
fn each_layer_uses_only_the_layers_below() {
    let c = read_crate();
    let mut wrong = Vec::new();
    for (from, tos) in &c.uses {
        for to in tos {
            let (a, b) = (layer(from), layer(to));
            if a != b && !allowed(a).contains(&b) {
                wrong.push(format!("{from} uses {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn no_import_cycles_between_files() {
    let c = read_crate();
    // Depth-first search for a back edge; report each cycle found.
    fn visit(
        n: &str,
        c: &Crate,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for m in c.uses.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                0 => visit(m, c, state, stack, cycles),
                1 => {
                    let i = stack.iter().position(|s| s == m).unwrap();
                    let mut cyc = stack[i..].to_vec();
                    cyc.push(m.clone());
                    cycles.push(cyc.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for n in c.uses.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, &c, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_command_line_holds_no_library_logic() {
    // The binary parses arguments and dispatches, one file per command: it reads no tree,
    // walks no folder, tells no kind of file apart, resolves no methodology and reads no
    // scorecard file of its own, and never matches a failure by its text.
    let mut files = Vec::new();
    rust_files(Path::new("src/bin/par-index"), &mut files);
    assert!(files.len() > 10, "one file per command: {files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for banned in [
            "read_dir(",
            "serde_json::Value",
            "fn json_kind",
            "detect_file_kind",
            "walk_inputs",
            "read_batch(",
            "load_methodology_file",
            "from_json_array",
            "starts_with('[')",
            "error.contains(",
            ".to_string().contains(",
        ] {
            assert!(!text.contains(banned), "{} holds `{banned}`", f.display());
        }
    }
    // main.rs: the arguments, the dispatch and the printing through `printable`; no command.
    let main = std::fs::read_to_string("src/bin/par-index/main.rs").unwrap();
    let fns: Vec<&str> = main
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("fn "))
        .collect();
    assert_eq!(
        fns.len(),
        2,
        "main.rs defines only `emit` and `main`: {fns:?}"
    );
}

#[test]
fn the_crate_root_is_short() {
    // The types every user meets and the two operations every user calls at the root; the
    // rest in one module per concept (ARCHITECTURE.md). At most 40 names.
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let mut names = Vec::new();
    for line in lib.lines() {
        if let Some(m) = line.strip_prefix("pub mod ") {
            names.push(m.trim_end_matches([';', ' ', '{']).to_owned());
        }
    }
    let mut rest = lib.as_str();
    while let Some(at) = rest.find("\npub use ") {
        rest = &rest[at + "\npub use ".len()..];
        let stmt = &rest[..rest.find(';').unwrap()];
        match (stmt.find('{'), stmt.rfind('}')) {
            (Some(a), Some(b)) => names.extend(
                stmt[a + 1..b]
                    .split(',')
                    .map(|n| n.trim().rsplit(' ').next().unwrap().to_owned())
                    .filter(|n| !n.is_empty()),
            ),
            _ => names.push(stmt.rsplit("::").next().unwrap().to_owned()),
        }
    }
    assert!(
        names.len() <= 40,
        "{} names at the root: {names:?}",
        names.len()
    );
    for concept in [
        "methodology",
        "submission",
        "scorecard",
        "appraisal",
        "batch",
        "analysis",
        "report",
        "form",
        "roster",
    ] {
        assert!(names.iter().any(|n| n == concept), "no module `{concept}`");
    }
}

/// No function in `src/` is over 150 lines (the code the build generates aside): a long
/// function is split into steps that each say what they do (issue 24).
#[test]
fn no_function_is_over_150_lines() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut long = Vec::new();
    for f in files {
        if f.components().any(|c| c.as_os_str() == "compiled") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let head = trimmed
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ")
                .trim_start_matches("const ");
            if !head.starts_with("fn ") || line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.trim_end() == close)
                .map_or(lines.len(), |k| i + 1 + k);
            let n = end - i + 1;
            if n > 150 {
                long.push(format!("{}:{} {} ({n} lines)", f.display(), i + 1, head));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 150 lines:\n{}",
        long.join("\n")
    );
}

/// Words for people live in the catalogue (`src/report/labels/`): outside it, no string in
/// `src/` holds Vietnamese, but for the words the form reader recognises (`model/form.rs`,
/// and the messages that name them), the generators' sample data (`testing.rs`), unit
/// tests and doc comments (issue 24).
#[test]
fn vietnamese_words_are_in_the_catalogue() {
    let vietnamese = |s: &str| {
        s.chars().any(|c| {
            "àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ"
                .contains(c.to_lowercase().next().unwrap_or(c))
        })
    };
    // Strings that name the recognised words, the product, or data of the analysis.
    let allowed = [
        "expected Có or Không (Yes or No)",
        "is not Thưởng or Trừ (Bonus or Penalty)",
        "choose Thưởng or Trừ (Bonus or Penalty)",
        "Exact, explainable scoring of Vietnam's PAR Index (Chỉ số CCHC)",
        "(chưa giao cơ quan chủ trì)",
    ];
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        if shown.contains("labels")
            || shown.contains("compiled")
            || shown.ends_with("testing.rs")
            || shown.ends_with("model/form.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains("#[cfg(test)]") {
                break; // the unit tests below
            }
            let code = line.trim_start();
            if code.starts_with("//") || !code.contains('"') || !vietnamese(code) {
                continue;
            }
            if !allowed.iter().any(|a| code.contains(a)) {
                found.push(format!("{shown}:{}: {}", i + 1, code));
            }
        }
    }
    assert!(
        found.is_empty(),
        "words outside the catalogue:\n{}",
        found.join("\n")
    );
}

/// The Python package's version is the crate's (the binding is built from this tree, and a
/// wheel says which engine it carries).
#[test]
fn the_python_binding_is_in_step_with_the_crate() {
    let manifest = std::fs::read_to_string("bindings/python/Cargo.toml").unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
}
