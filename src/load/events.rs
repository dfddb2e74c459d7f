//! YAML events from `saphyr-parser` (the YAML 1.2 parser of the saphyr project, pure Rust,
//! maintained), in the shape the tree builder of `yaml.rs` reads: byte offsets, anchors by
//! name, scalars as text. No `unsafe` here: the library has none (ARCHITECTURE.md, "Why this
//! YAML stack", has the figures that chose it over libyaml's port).

use std::borrow::Cow;

use saphyr_parser::{Event as RawEvent, ScalarStyle};

/// A parser over one input text.
pub struct Parser<'input> {
    inner: saphyr_parser::Parser<'input, saphyr_parser::StrInput<'input>>,
    offsets: Offsets,
    /// After the end of the stream or an error, there is nothing more to say.
    done: bool,
}

/// A syntax error: the parser's problem and the byte offset where it was found.
#[derive(Debug)]
pub struct Error {
    pub problem: String,
    pub offset: u64,
}

/// One event, with its byte span.
pub struct Event<'input> {
    raw: RawEvent<'input>,
    span: (u64, u64),
    /// The anchor's name, for an event that has one (`&1` in the parser's numbering).
    anchor: Option<String>,
}

/// What an event says; the strings live as long as the event.
pub enum EventKind<'a> {
    DocumentStart,
    Scalar {
        value: &'a str,
        plain: bool,
        anchor: Option<&'a str>,
    },
    SequenceStart {
        anchor: Option<&'a str>,
    },
    SequenceEnd,
    MappingStart {
        anchor: Option<&'a str>,
    },
    MappingEnd,
    Alias {
        anchor: &'a str,
    },
    /// Stream start and end, document end.
    Other,
}

impl<'input> Parser<'input> {
    pub fn new(input: &'input str) -> Parser<'input> {
        Parser {
            inner: saphyr_parser::Parser::new_from_str(input),
            offsets: Offsets::new(input),
            done: false,
        }
    }

    /// The next event, an error (after which there are no more), or `None` at the end.
    pub fn next_event(&mut self) -> Option<Result<Event<'input>, Error>> {
        if self.done {
            return None;
        }
        match self.inner.next_event()? {
            Ok((raw, span)) => {
                if matches!(raw, RawEvent::StreamEnd) {
                    self.done = true;
                }
                let anchor = match raw {
                    RawEvent::Scalar(_, _, id, _)
                    | RawEvent::SequenceStart(id, _)
                    | RawEvent::MappingStart(id, _)
                        if id != 0 =>
                    {
                        Some(id.to_string())
                    }
                    RawEvent::Alias(id) => Some(id.to_string()),
                    _ => None,
                };
                let span = (
                    self.offsets.byte(span.start.index()),
                    self.offsets.byte(span.end.index()),
                );
                Some(Ok(Event { raw, span, anchor }))
            }
            Err(error) => {
                self.done = true;
                Some(Err(Error {
                    problem: error.info().to_string(),
                    offset: self.offsets.byte(error.marker().index()),
                }))
            }
        }
    }
}

impl Event<'_> {
    /// The byte offsets where the event starts and ends.
    pub fn span(&self) -> (u64, u64) {
        self.span
    }

    pub fn kind(&self) -> EventKind<'_> {
        let anchor = self.anchor.as_deref();
        match &self.raw {
            RawEvent::DocumentStart(_) => EventKind::DocumentStart,
            RawEvent::Scalar(value, style, _, _) => EventKind::Scalar {
                value: match value {
                    Cow::Borrowed(text) => text,
                    Cow::Owned(text) => text.as_str(),
                },
                plain: *style == ScalarStyle::Plain,
                anchor,
            },
            RawEvent::SequenceStart(..) => EventKind::SequenceStart { anchor },
            RawEvent::SequenceEnd => EventKind::SequenceEnd,
            RawEvent::MappingStart(..) => EventKind::MappingStart { anchor },
            RawEvent::MappingEnd => EventKind::MappingEnd,
            RawEvent::Alias(_) => EventKind::Alias {
                anchor: anchor.unwrap_or_default(),
            },
            _ => EventKind::Other,
        }
    }
}

/// saphyr's positions count characters; spans are bytes. An ASCII text needs no table.
enum Offsets {
    Ascii(u64),
    /// The byte offset of each character, and the text's length after the last.
    Table(Vec<u32>),
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        if text.is_ascii() {
            Offsets::Ascii(text.len() as u64)
        } else {
            let mut table: Vec<u32> = text.char_indices().map(|(at, _)| at as u32).collect();
            table.push(text.len() as u32);
            Offsets::Table(table)
        }
    }

    fn byte(&self, char_index: usize) -> u64 {
        match self {
            Offsets::Ascii(len) => (char_index as u64).min(*len),
            Offsets::Table(table) => u64::from(table[char_index.min(table.len() - 1)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scalars of a text, or the parser's problem.
    fn scalars_of(text: &str) -> Result<Vec<String>, String> {
        let mut parser = Parser::new(text);
        let mut values = Vec::new();
        while let Some(event) = parser.next_event() {
            let event = event.map_err(|error| error.problem)?;
            if let EventKind::Scalar { value, .. } = event.kind() {
                values.push(value.to_string());
            }
        }
        Ok(values)
    }

    #[test]
    fn spans_are_bytes_in_texts_that_are_not_ascii() {
        let text = "a: ü\nb: 'ç'\n";
        let mut parser = Parser::new(text);
        let mut spans = Vec::new();
        while let Some(event) = parser.next_event() {
            let event = event.expect("valid");
            if let EventKind::Scalar { value, .. } = event.kind() {
                spans.push((value.to_string(), event.span()));
            }
        }
        let (_, (start, end)) = &spans[1];
        assert_eq!(&text[*start as usize..*end as usize], "ü");
        let (_, (start, _)) = &spans[3];
        assert_eq!(&text[*start as usize..*start as usize + 1], "'");
    }

    #[test]
    fn escapes_give_their_character_or_an_error() {
        assert_eq!(scalars_of("\"\\u00e9\\x41\""), Ok(vec!["éA".to_string()]));
        for bad in ["\\uD800", "\\U00110000", "\\q"] {
            assert!(scalars_of(&format!("\"{bad}\"")).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_problem_and_where() {
        let mut parser = Parser::new("a: [1, 2\n");
        let error = std::iter::from_fn(|| parser.next_event())
            .find_map(Result::err)
            .expect("an error");
        assert!(!error.problem.is_empty());
        assert!(error.offset <= 9, "{error:?}");
    }
}
