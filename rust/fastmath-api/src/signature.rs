//! Python signatures, parsed from the one text each function declares, and the binding of a
//! call's positional and keyword arguments to their parameters.
//!
//! The text is the stub's: `(x: ArrayLike, /, axis: int | None = None) -> float`. From it come
//! the parameters' names, kinds and defaults (here), the plain `__text_signature__` the native
//! module shows `inspect`, and the `.pyi` stub (generated from the table). Binding follows
//! Python's rules and words its TypeErrors as Python does, for both backends.

use crate::error::ApiError;
use crate::value::Value;

/// The most parameters a function may declare.
pub const MAX_PARAMS: usize = 8;

/// How an argument may be passed for a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
}

/// A parameter's default value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Default {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'static str),
}

impl Default {
    pub fn value(self) -> Value<'static> {
        match self {
            Default::None => Value::None,
            Default::Bool(b) => Value::Bool(b),
            Default::Int(i) => Value::Int(i),
            Default::Float(v) => Value::Float(v),
            Default::Str(s) => Value::Str(s),
        }
    }
}

/// One declared parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub default: Option<Default>,
}

/// A parsed signature.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub params: Vec<Param>,
    /// The annotated return type (the text after `->`), for the stub.
    pub returns: &'static str,
}

impl Signature {
    /// Parses a declared signature. The table's texts are constants checked by the tests, so
    /// an unparsable one is a programming error reported by `Err` (and a failing test).
    pub fn parse(text: &'static str) -> Result<Signature, String> {
        let text = text.trim();
        let (inner, returns) = match text.rsplit_once(") ->") {
            Some((params, returns)) => (params.strip_prefix('('), returns.trim()),
            None => (text.strip_prefix('(').and_then(|t| t.strip_suffix(')')), ""),
        };
        let inner = inner.ok_or_else(|| format!("signature {text:?} is not parenthesised"))?;
        let mut params = Vec::new();
        let mut kind = Kind::PositionalOrKeyword;
        for item in split_top_level(inner) {
            match item {
                "" => {}
                "/" => {
                    for p in params.iter_mut() {
                        let p: &mut Param = p;
                        p.kind = Kind::PositionalOnly;
                    }
                }
                "*" => kind = Kind::KeywordOnly,
                _ => {
                    let (head, default) = match item.split_once('=') {
                        Some((h, d)) => (h.trim(), Some(parse_default(d.trim())?)),
                        None => (item, None),
                    };
                    let name = head.split(':').next().unwrap_or(head).trim();
                    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        return Err(format!("bad parameter {item:?} in {text:?}"));
                    }
                    params.push(Param {
                        name,
                        kind,
                        default,
                    });
                }
            }
        }
        if params.len() > MAX_PARAMS {
            return Err(format!("{text:?} has more than {MAX_PARAMS} parameters"));
        }
        Ok(Signature { params, returns })
    }

    /// The signature as `inspect` shows it, without annotations: `(x, /, axis=None)`.
    pub fn plain(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut star = false;
        for (i, p) in self.params.iter().enumerate() {
            if p.kind == Kind::KeywordOnly && !star {
                parts.push("*".to_owned());
                star = true;
            }
            parts.push(match p.default {
                Some(d) => format!("{}={}", p.name, python_literal(d)),
                None => p.name.to_owned(),
            });
            let next_positional_only = self
                .params
                .get(i.saturating_add(1))
                .is_some_and(|n| n.kind == Kind::PositionalOnly);
            if p.kind == Kind::PositionalOnly && !next_positional_only {
                parts.push("/".to_owned());
            }
        }
        format!("({})", parts.join(", "))
    }

    /// Binds a call's arguments to the parameters, in declaration order, with Python's rules
    /// and TypeError messages. Parameters not given are `None` (their defaults are the
    /// caller's to apply, see [`Param::default`]).
    pub fn bind<V>(
        &self,
        function: &str,
        positional: impl ExactSizeIterator<Item = V>,
        keywords: impl Iterator<Item = (impl AsRef<str>, V)>,
    ) -> Result<[Option<V>; MAX_PARAMS], ApiError> {
        let mut bound: [Option<V>; MAX_PARAMS] = std::array::from_fn(|_| None);
        self.bind_with(function, positional, keywords, |i, v| {
            if let Some(slot) = bound.get_mut(i) {
                *slot = Some(v);
            }
        })?;
        Ok(bound)
    }

    /// [`Signature::bind`] without an array of its own: hands each bound value to `put` with
    /// its parameter's index, and returns which parameters were given. Values are large, so
    /// the per-call path binds straight into the call's [`crate::args::Args`] (moving arrays
    /// of them cost more than the rest of a scalar call).
    pub fn bind_with<V>(
        &self,
        function: &str,
        positional: impl ExactSizeIterator<Item = V>,
        keywords: impl Iterator<Item = (impl AsRef<str>, V)>,
        mut put: impl FnMut(usize, V),
    ) -> Result<[bool; MAX_PARAMS], ApiError> {
        let mut given = [false; MAX_PARAMS];
        let max_positional = self
            .params
            .iter()
            .filter(|p| p.kind != Kind::KeywordOnly)
            .count();
        let count = positional.len();
        if count > max_positional {
            let required = self
                .params
                .iter()
                .filter(|p| p.kind != Kind::KeywordOnly && p.default.is_none())
                .count();
            let takes = if required == max_positional {
                format!("{max_positional}")
            } else {
                format!("from {required} to {max_positional}")
            };
            let plural = if max_positional == 1 { "" } else { "s" };
            return Err(ApiError::call_error(
                function,
                format!("takes {takes} positional argument{plural} but {count} were given"),
            ));
        }
        for ((i, value), given) in positional.enumerate().zip(&mut given) {
            *given = true;
            put(i, value);
        }
        for (name, value) in keywords {
            let name = name.as_ref();
            let mut found = self.params.iter().zip(&mut given).enumerate();
            let Some((index, (param, given))) = found.find(|(_, (p, _))| p.name == name) else {
                return Err(ApiError::call_error(
                    function,
                    format!("got an unexpected keyword argument '{name}'"),
                ));
            };
            if param.kind == Kind::PositionalOnly {
                return Err(ApiError::call_error(
                    function,
                    format!(
                        "got some positional-only arguments passed as keyword arguments: '{name}'"
                    ),
                ));
            }
            if *given {
                return Err(ApiError::call_error(
                    function,
                    format!("got multiple values for argument '{name}'"),
                ));
            }
            *given = true;
            put(index, value);
        }
        // CPython's wording, so that a call refused by Python's own argument binding (a
        // binding's wrapper with the exact parameters) reads the same as one refused here:
        // positional parameters first, then keyword-only ones.
        for (kind, keyword_only) in [("positional", false), ("keyword-only", true)] {
            let names: Vec<String> = self
                .params
                .iter()
                .zip(&given)
                .filter(|(p, given)| {
                    p.default.is_none() && !**given && (p.kind == Kind::KeywordOnly) == keyword_only
                })
                .map(|(p, _)| format!("'{}'", p.name))
                .collect();
            if let Some((last, rest)) = names.split_last() {
                let plural = if names.len() == 1 { "" } else { "s" };
                let list = match rest.len() {
                    0 => last.clone(),
                    1 => format!("{} and {last}", rest.join("")),
                    _ => format!("{}, and {last}", rest.join(", ")),
                };
                return Err(ApiError::call_error(
                    function,
                    format!(
                        "missing {} required {kind} argument{plural}: {list}",
                        names.len()
                    ),
                ));
            }
        }
        Ok(given)
    }
}

/// Splits on commas outside brackets (annotations such as `tuple[int, ...]` hold commas).
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '[' | '(' => depth = depth.saturating_add(1),
            ']' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i.saturating_add(1);
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
}

fn parse_default(text: &'static str) -> Result<Default, String> {
    let quoted = |q: char| text.strip_prefix(q).and_then(|t| t.strip_suffix(q));
    if let Some(inner) = quoted('"').or_else(|| quoted('\'')) {
        return Ok(Default::Str(inner));
    }
    Ok(match text {
        "None" => Default::None,
        "True" => Default::Bool(true),
        "False" => Default::Bool(false),
        _ => {
            if let Ok(i) = text.parse::<i64>() {
                Default::Int(i)
            } else if let Ok(f) = text.parse::<f64>() {
                Default::Float(f)
            } else {
                return Err(format!("unsupported default {text:?}"));
            }
        }
    })
}

fn python_literal(d: Default) -> String {
    match d {
        Default::None => "None".to_owned(),
        Default::Bool(true) => "True".to_owned(),
        Default::Bool(false) => "False".to_owned(),
        Default::Int(i) => i.to_string(),
        Default::Float(f) => format!("{f:?}"),
        Default::Str(s) => format!("'{s}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig() -> Signature {
        Signature::parse(
            "(x: ArrayLike, /, axis: int | tuple[int, ...] | None = None, *, ddof: float = 0.0, side: str = 'left') -> float",
        )
        .unwrap()
    }

    #[test]
    fn parses_kinds_defaults_and_returns() {
        let s = sig();
        assert_eq!(s.params.len(), 4);
        assert_eq!(s.params[0].kind, Kind::PositionalOnly);
        assert_eq!(s.params[1].kind, Kind::PositionalOrKeyword);
        assert_eq!(s.params[2].kind, Kind::KeywordOnly);
        assert_eq!(s.params[2].default, Some(Default::Float(0.0)));
        assert_eq!(s.params[3].default, Some(Default::Str("left")));
        assert_eq!(s.returns, "float");
        assert_eq!(s.plain(), "(x, /, axis=None, *, ddof=0.0, side='left')");
    }

    #[test]
    fn binds_as_python_does() {
        let s = sig();
        let b = s
            .bind("f", [1].into_iter(), [("ddof", 2)].into_iter())
            .unwrap();
        assert_eq!(b[0], Some(1));
        assert_eq!(b[1], None);
        assert_eq!(b[2], Some(2));
        let err = |pos: Vec<i32>, kw: Vec<(&str, i32)>| {
            s.bind("f", pos.into_iter(), kw.into_iter())
                .unwrap_err()
                .message
        };
        assert_eq!(
            err(vec![1, 2, 3], vec![]),
            "f() takes from 1 to 2 positional arguments but 3 were given"
        );
        assert_eq!(
            err(vec![1], vec![("bogus", 1)]),
            "f() got an unexpected keyword argument 'bogus'"
        );
        assert_eq!(
            err(vec![], vec![("x", 1)]),
            "f() got some positional-only arguments passed as keyword arguments: 'x'"
        );
        assert_eq!(
            err(vec![1, 2], vec![("axis", 1)]),
            "f() got multiple values for argument 'axis'"
        );
        assert_eq!(
            err(vec![], vec![]),
            "f() missing 1 required positional argument: 'x'"
        );
    }

    /// The lists of missing names read as CPython's (`'a'`, `'a' and 'b'`, `'a', 'b', and
    /// 'c'`), positional ones before keyword-only ones.
    #[test]
    fn missing_arguments_read_as_cpython() {
        let s = Signature::parse("(a: float, b: float, c: float, /, *, k: int) -> float").unwrap();
        let err = |pos: Vec<i32>, kw: Vec<(&str, i32)>| {
            s.bind("g", pos.into_iter(), kw.into_iter())
                .unwrap_err()
                .message
        };
        assert_eq!(
            err(vec![], vec![]),
            "g() missing 3 required positional arguments: 'a', 'b', and 'c'"
        );
        assert_eq!(
            err(vec![1], vec![]),
            "g() missing 2 required positional arguments: 'b' and 'c'"
        );
        assert_eq!(
            err(vec![1, 2, 3], vec![]),
            "g() missing 1 required keyword-only argument: 'k'"
        );
    }
}
