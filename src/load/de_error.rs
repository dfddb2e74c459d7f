//! The error of the tree deserializer: a message, the span of the innermost node it
//! concerns, and its kind, which picks the diagnostic code.

use std::fmt;

use serde::de;

use crate::diag::{self, codes, Diagnostic, FileId, Location, Span};

/// What kind of failure an error is, to pick its code.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    WrongType,
    InvalidChoice {
        value: String,
        allowed: &'static [&'static str],
    },
    MissingField(&'static str),
    InvalidValue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub span: Option<Span>,
}

impl Error {
    pub(super) fn at(mut self, span: Span) -> Error {
        self.span.get_or_insert(span);
        self
    }

    /// The diagnostic for this error in `file`; `object_span` stands in for an error without one.
    pub fn to_diagnostic(&self, file: FileId, object_span: Span) -> Diagnostic {
        let location = Location::new(file, self.span.unwrap_or(object_span));
        match &self.kind {
            ErrorKind::WrongType => {
                Diagnostic::new(&codes::WRONG_TYPE, self.message.clone()).at(location)
            }
            ErrorKind::InvalidChoice { value, allowed } => {
                let help = if allowed.len() <= 12 {
                    format!("allowed values: {}", allowed.join(", "))
                } else {
                    let suggestions = diag::did_you_mean(value, allowed.iter().copied());
                    diag::suggestion_help(&suggestions)
                        .map(|s| {
                            format!(
                                "{s} ({} values are allowed; see `netsot schema`)",
                                allowed.len()
                            )
                        })
                        .unwrap_or_else(|| {
                            format!("{} values are allowed; see `netsot schema`", allowed.len())
                        })
                };
                Diagnostic::new(&codes::INVALID_CHOICE, self.message.clone())
                    .at(location)
                    .with_help(help)
            }
            ErrorKind::MissingField(field) => {
                Diagnostic::new(&codes::MISSING_FIELD, self.message.clone())
                    .at(location)
                    .with_help(format!("add `{field}`"))
            }
            ErrorKind::InvalidValue => {
                Diagnostic::new(&codes::INVALID_VALUE, self.message.clone()).at(location)
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error {
            kind: ErrorKind::InvalidValue,
            message: msg.to_string(),
            span: None,
        }
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error {
            kind: ErrorKind::WrongType,
            message: format!("expected {expected}, found {}", describe(unexpected)),
            span: None,
        }
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error {
            kind: ErrorKind::InvalidValue,
            message: format!(
                "invalid value {}: expected {expected}",
                describe(unexpected)
            ),
            span: None,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        Error {
            kind: ErrorKind::InvalidChoice {
                value: variant.to_string(),
                allowed: expected,
            },
            message: format!("`{}` is not an allowed value", diag::quote(variant)),
            span: None,
        }
    }

    fn missing_field(field: &'static str) -> Error {
        Error {
            kind: ErrorKind::MissingField(field),
            message: format!("missing field `{field}`"),
            span: None,
        }
    }
}

pub(super) fn describe(unexpected: de::Unexpected<'_>) -> String {
    match unexpected {
        de::Unexpected::Str(text) => format!("the string `{}`", diag::quote(text)),
        de::Unexpected::Unit => "nothing (null)".to_string(),
        de::Unexpected::Seq => "a list".to_string(),
        de::Unexpected::Map => "a mapping".to_string(),
        other => other.to_string(),
    }
}

impl Error {
    pub(super) fn invalid_type_at(
        unexpected: de::Unexpected<'_>,
        expected: &dyn de::Expected,
        span: Span,
    ) -> Error {
        <Error as de::Error>::invalid_type(unexpected, expected).at(span)
    }
}
