//! Prints the function table as JSON, for `tools/gen_api.py`, which writes every file derived
//! from it (`fastmath/_api.py`, the `.pyi` stub, docs/api.md). Python reads the table this way
//! so that the generated files need no build of a Python extension, and so that the table
//! stays the one place a function is declared.
//!
//! `cargo run --quiet --locked -p fastmath-api --example table_json`
//!
//! Output: `{"families": [{"key", "title"}...], "functions": [{"name", "family", "signature",
//! "plain", "doc", "ieee", "result", "wrap"}...], "dtypes": [[name, format, itemsize]...]}`, the first
//! two in table order, the dtypes in the order of their codes (`DType::code`); `plain` is the signature as
//! `inspect` shows it, `ieee` the code of the function's IEEE operation (`Ieee::code`, 0 for
//! none), `result` the named tuple of its tuple results (`[name, [fields...]]`, or null), `wrap`
//! numpy.linalg's wrapping of results for an `ndarray` subclass argument (`Wrap`: `[parameter,
//! its position, [wrapped items of a tuple result...], whether a single array is wrapped,
//! [wrapped items of a plain tuple result...]]`, or null).

use std::fmt::Write as _;
use std::io::Write as _;

use fastmath_api::functions;

/// `text` as a JSON string literal. Hand-written because the escaping rules are short and the
/// example should not add a dependency to the workspace.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len().saturating_add(2));
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let mut families: Vec<_> = Vec::new();
    for f in functions() {
        if !families.contains(&f.family) {
            families.push(f.family);
        }
    }
    let families: Vec<String> = families
        .iter()
        .map(|family| {
            format!(
                "{{\"key\": {}, \"title\": {}}}",
                json_string(family.key()),
                json_string(family.title())
            )
        })
        .collect();
    let entries: Vec<String> = functions()
        .iter()
        .map(|f| {
            format!(
                "{{\"name\": {}, \"family\": {}, \"signature\": {}, \"plain\": {}, \"doc\": {}, \"ieee\": {}, \"result\": {}, \"wrap\": {}}}",
                json_string(f.name),
                json_string(f.family.key()),
                json_string(f.signature),
                json_string(&f.parsed().plain()),
                json_string(f.doc),
                f.ieee().map_or(0, |op| op.code()),
                f.named_result().map_or("null".to_owned(), |r| {
                    let fields: Vec<String> = r.fields.iter().map(|f| json_string(f)).collect();
                    format!("[{}, [{}]]", json_string(r.name), fields.join(", "))
                }),
                f.wrap().map_or("null".to_owned(), |w| {
                    let position = f.parsed().params.iter().position(|p| p.name == w.arg);
                    let list = |items: &[usize]| {
                        items.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                    };
                    format!(
                        "[{}, {}, [{}], {}, [{}]]",
                        json_string(w.arg),
                        position.map_or("null".to_owned(), |p| p.to_string()),
                        list(w.items),
                        w.single,
                        list(w.plain)
                    )
                })
            )
        })
        .collect();
    let dtypes: Vec<String> = fastmath_api::DType::all()
        .iter()
        .map(|d| {
            format!(
                "[{}, {}, {}]",
                json_string(d.name()),
                json_string(d.format()),
                d.itemsize()
            )
        })
        .collect();
    let json = format!(
        "{{\"families\": [\n  {}\n],\n\"functions\": [\n  {}\n],\n\"dtypes\": [{}]}}\n",
        families.join(",\n  "),
        entries.join(",\n  "),
        dtypes.join(", ")
    );
    // A closed pipe is the reader's business; nothing useful to report from here.
    let _ = std::io::stdout().write_all(json.as_bytes());
}
