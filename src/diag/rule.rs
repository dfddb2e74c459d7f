//! What a rule is: its code, name, severity and documentation, the `rules!` macro that
//! turns the code table (`codes/`, pure data, one file per family) into statics, and the lookup by code or
//! name that `netsot explain` uses.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One rule of the code table.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The first line of the documentation.
    pub summary: &'static str,
    /// The whole documentation in Markdown.
    pub doc: &'static str,
}

macro_rules! rules {
    ($( $(#[doc = $doc:literal])* $ident:ident = ($code:literal, $name:literal, $severity:ident); )*) => {
        $(
            $(#[doc = $doc])*
            pub static $ident: $crate::diag::rule::Rule = $crate::diag::rule::Rule {
                code: $code,
                name: $name,
                severity: $crate::diag::rule::Severity::$severity,
                summary: $crate::diag::rule::first_line(concat!($($doc, "\n"),*)),
                doc: concat!($($doc, "\n"),*),
            };
        )*
        /// The rules of this file, in the order written.
        pub(super) static RULES: &[&$crate::diag::rule::Rule] = &[$(&$ident),*];
    };
}

pub(crate) use rules;

pub(crate) const fn first_line(doc: &'static str) -> &'static str {
    let bytes = doc.as_bytes();
    let mut start = 0;
    while start < bytes.len() && bytes[start] == b' ' {
        start += 1;
    }
    let mut end = start;
    while end < bytes.len() && bytes[end] != b'\n' {
        end += 1;
    }
    let (_, rest) = bytes.split_at(start);
    let (line, _) = rest.split_at(end - start);
    match std::str::from_utf8(line) {
        Ok(line) => line,
        Err(_) => "",
    }
}

/// Looks a rule up by code (`NS0301`, case-insensitive) or by name (`unresolved-reference`).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    super::codes::ALL
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}
