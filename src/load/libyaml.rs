//! A safe view of libyaml's event parser (the `unsafe-libyaml-norway` port to Rust).
//!
//! libyaml is the YAML parser most tools have used for twenty years, fuzzed for most of
//! them; `unsafe-libyaml-norway` is a renamed copy of dtolnay's archived `unsafe-libyaml`
//! (libyaml translated by c2rust), see ARCHITECTURE.md for why it is kept. All `unsafe` of
//! the loader is here, and these are its invariants:
//!
//! - The parser lives at an address that never changes and that no Rust reference claims:
//!   libyaml keeps pointers into it (its input buffer, its own fields), so it is allocated
//!   once, leaked into a [`NonNull`] and only ever reached through that raw pointer, then
//!   deleted and freed by [`Parser`]'s `Drop`. A `Box` would not do: moving a `Box` asserts
//!   it is the only way to its memory, which invalidates the pointers libyaml kept (Miri
//!   reports it under both Stacked and Tree Borrows).
//! - The input outlives the parser, by its lifetime parameter.
//! - Every event is deleted once, by [`Event`]'s `Drop`, and the strings [`EventKind`]
//!   borrows from it cannot outlive it.
//! - A scalar's text is checked to be UTF-8 when its event is read, before any `&str` is made
//!   of it (the check costs under 1 % of loading; ARCHITECTURE.md has the figures).
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

use unsafe_libyaml_norway as unsafe_yaml;

/// A parser over one input text.
pub struct Parser<'input> {
    /// Allocated by `new`, freed by `Drop`; never turned back into a `Box` or a `&mut` before
    /// then (see the module's invariants).
    raw: NonNull<unsafe_yaml::yaml_parser_t>,
    /// After the end of the stream or an error, libyaml has nothing more to say.
    done: bool,
    input: PhantomData<&'input [u8]>,
}

/// Why parsing stopped: libyaml's problem, the byte where it was found, and the construct
/// being read with the place it started (its 0-based line and column).
#[derive(Debug)]
pub struct Error {
    pub problem: String,
    pub offset: u64,
    pub context: Option<(String, u64, u64)>,
}

/// One event, borrowed from libyaml until it is dropped.
pub struct Event {
    raw: unsafe_yaml::yaml_event_t,
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
        let memory = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // Leaked here and freed in `Drop`: from now on the parser is reached only through this
        // pointer, so the pointers libyaml keeps into it stay valid when `Parser` moves.
        let raw = NonNull::from(Box::leak(memory)).cast::<unsafe_yaml::yaml_parser_t>();
        // SAFETY: `raw` points to memory for one parser, which initialize writes in full (it
        // zeroes it first).
        let ok = unsafe { unsafe_yaml::yaml_parser_initialize(raw.as_ptr()).ok };
        if !ok {
            // SAFETY: the memory came from `Box::leak` above and libyaml holds nothing in it.
            drop(unsafe {
                Box::from_raw(
                    raw.cast::<MaybeUninit<unsafe_yaml::yaml_parser_t>>()
                        .as_ptr(),
                )
            });
            // initialize fails only when it cannot allocate, which Rust's allocator already
            // turns into an abort; this is not reachable from any input.
            panic!("libyaml could not allocate its parser");
        }
        // SAFETY: the parser is initialized and reached only through `raw`; the input
        // outlives the parser ('input), so the pointer libyaml keeps to it stays valid. Our
        // inputs are always UTF-8.
        unsafe {
            unsafe_yaml::yaml_parser_set_encoding(raw.as_ptr(), unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(
                raw.as_ptr(),
                input.as_ptr(),
                input.len() as u64,
            );
        }
        Parser {
            raw,
            done: false,
            input: PhantomData,
        }
    }

    /// The next event, `None` after the end of the stream or an error.
    pub fn next_event(&mut self) -> Option<Result<Event, Error>> {
        if self.done {
            return None;
        }
        let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: the parser is initialized; on success the event is initialized and owned
        // by the returned `Event`, which deletes it.
        let ok =
            unsafe { unsafe_yaml::yaml_parser_parse(self.raw.as_ptr(), event.as_mut_ptr()).ok };
        if !ok {
            self.done = true;
            return Some(Err(self.error()));
        }
        // SAFETY: parse succeeded, so it wrote the event.
        let raw = unsafe { event.assume_init() };
        let event = Event { raw };
        if event.raw.type_ == unsafe_yaml::YAML_SCALAR_EVENT && event.scalar_utf8().is_err() {
            // libyaml writes only whole characters of a UTF-8 input and refuses escapes of
            // surrogates and of code points beyond U+10FFFF, so this is not expected; if a
            // bug of the port ever breaks that, the file gets a syntax error, never a `&str`
            // that is not UTF-8.
            self.done = true;
            return Some(Err(Error {
                problem: "a scalar whose text is not valid UTF-8".into(),
                offset: event.raw.start_mark.index,
                context: None,
            }));
        }
        match event.raw.type_ {
            unsafe_yaml::YAML_NO_EVENT => {
                self.done = true;
                None
            }
            unsafe_yaml::YAML_STREAM_END_EVENT => {
                self.done = true;
                Some(Ok(event))
            }
            _ => Some(Ok(event)),
        }
    }

    fn error(&self) -> Error {
        // SAFETY: the parser is initialized and libyaml is not running: nothing writes to it
        // while this shared borrow, which ends with the function, reads its error fields.
        let raw = unsafe { self.raw.as_ref() };
        // SAFETY: after a failure libyaml's problem and context are null or static C strings.
        let problem = unsafe { c_text(raw.problem) }.unwrap_or_else(|| "invalid YAML".into());
        // SAFETY: as for the problem.
        let context = unsafe { c_text(raw.context) }
            .map(|context| (context, raw.context_mark.line, raw.context_mark.column));
        // A reader error (a character YAML does not allow) has an offset and no mark.
        let offset = if raw.error == unsafe_yaml::YAML_READER_ERROR {
            raw.problem_offset
        } else {
            raw.problem_mark.index
        };
        Error {
            problem,
            offset,
            context,
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialized by `new` and is deleted once, here; then its
        // memory, which came from `Box::leak` in `new`, goes back to a box that frees it.
        unsafe {
            unsafe_yaml::yaml_parser_delete(self.raw.as_ptr());
            drop(Box::from_raw(
                self.raw
                    .cast::<MaybeUninit<unsafe_yaml::yaml_parser_t>>()
                    .as_ptr(),
            ));
        }
    }
}

impl Event {
    /// The byte offsets where the event starts and ends.
    pub fn span(&self) -> (u64, u64) {
        (self.raw.start_mark.index, self.raw.end_mark.index)
    }

    pub fn kind(&self) -> EventKind<'_> {
        // SAFETY: the union member read is the one the event's type says is set, and its
        // strings are null or owned by the event, which lives as long as the borrow.
        unsafe {
            match self.raw.type_ {
                unsafe_yaml::YAML_DOCUMENT_START_EVENT => EventKind::DocumentStart,
                unsafe_yaml::YAML_SCALAR_EVENT => {
                    let scalar = self.raw.data.scalar;
                    // `next_event` checked these bytes are UTF-8 before it returned the event.
                    let value = std::str::from_utf8_unchecked(self.scalar_bytes());
                    EventKind::Scalar {
                        value,
                        plain: scalar.style == unsafe_yaml::YAML_PLAIN_SCALAR_STYLE,
                        anchor: c_str(scalar.anchor),
                    }
                }
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => EventKind::SequenceStart {
                    anchor: c_str(self.raw.data.sequence_start.anchor),
                },
                unsafe_yaml::YAML_SEQUENCE_END_EVENT => EventKind::SequenceEnd,
                unsafe_yaml::YAML_MAPPING_START_EVENT => EventKind::MappingStart {
                    anchor: c_str(self.raw.data.mapping_start.anchor),
                },
                unsafe_yaml::YAML_MAPPING_END_EVENT => EventKind::MappingEnd,
                unsafe_yaml::YAML_ALIAS_EVENT => EventKind::Alias {
                    anchor: c_str(self.raw.data.alias.anchor).unwrap_or_default(),
                },
                _ => EventKind::Other,
            }
        }
    }
}

impl Event {
    /// A scalar event's text as bytes.
    fn scalar_bytes(&self) -> &[u8] {
        debug_assert!(self.raw.type_ == unsafe_yaml::YAML_SCALAR_EVENT);
        // SAFETY: the event is a scalar, so `data.scalar` is the member set; its value is null
        // or `length` bytes owned by the event, which the borrow cannot outlive.
        unsafe {
            let scalar = self.raw.data.scalar;
            if scalar.value.is_null() {
                &[]
            } else {
                std::slice::from_raw_parts(scalar.value, scalar.length as usize)
            }
        }
    }

    /// Whether a scalar event's text is UTF-8 (checked once, by `next_event`).
    fn scalar_utf8(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(self.scalar_bytes())
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        // SAFETY: the event was written by a successful parse and is deleted once.
        unsafe { unsafe_yaml::yaml_event_delete(&mut self.raw) }
    }
}

/// A null-terminated string of libyaml's, borrowed.
///
/// # Safety
/// `ptr` is null or points to a null-terminated string that outlives `'a`.
unsafe fn c_str<'a>(ptr: *const u8) -> Option<&'a str> {
    if ptr.is_null() {
        return None;
    }
    CStr::from_ptr(ptr.cast()).to_str().ok()
}

/// # Safety
/// As [`c_str`].
unsafe fn c_text(ptr: *const std::ffi::c_char) -> Option<String> {
    c_str(ptr.cast()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scalars of a text, or libyaml's problem.
    fn scalars(parser: &mut Parser<'_>) -> Result<Vec<String>, String> {
        let mut values = Vec::new();
        while let Some(event) = parser.next_event() {
            let event = event.map_err(|error| error.problem)?;
            if let EventKind::Scalar { value, .. } = event.kind() {
                values.push(value.to_string());
            }
        }
        Ok(values)
    }

    fn scalars_of(text: &str) -> Result<Vec<String>, String> {
        scalars(&mut Parser::new(text))
    }

    /// The reproducer of the use of a stale pointer: the parser used to live in a `Box`
    /// moved out of `new`, which Miri reports as soon as libyaml reads through the pointer
    /// it kept. Moving the parser between events, into a vector and a box, must not matter.
    #[test]
    fn a_parser_keeps_reading_after_it_moves() {
        let text = "a: [1, 'two']\nb: {c: \"d\"}\n";
        let mut parser = Parser::new(text);
        let first = parser.next_event();
        assert!(matches!(first, Some(Ok(_))));
        let mut parsers = vec![parser];
        let mut moved = Box::new(parsers.pop().expect("one parser"));
        assert_eq!(
            scalars(&mut moved).unwrap(),
            ["a", "1", "two", "b", "c", "d"]
        );
        assert!(moved.next_event().is_none());
    }

    /// Every escape a double-quoted scalar may hold gives its character, or an error for
    /// the code points that are not characters (surrogates, beyond U+10FFFF); together with
    /// the `&str` input, this is why a scalar is never expected to fail the UTF-8 check.
    #[test]
    fn every_escape_gives_its_character_or_an_error() {
        let single = [
            ("0", '\0'),
            ("a", '\u{7}'),
            ("b", '\u{8}'),
            ("t", '\t'),
            ("\t", '\t'),
            ("n", '\n'),
            ("v", '\u{b}'),
            ("f", '\u{c}'),
            ("r", '\r'),
            ("e", '\u{1b}'),
            (" ", ' '),
            ("\"", '"'),
            ("/", '/'),
            ("\\", '\\'),
            ("N", '\u{85}'),
            ("_", '\u{a0}'),
            ("L", '\u{2028}'),
            ("P", '\u{2029}'),
        ];
        for (escape, expected) in single {
            assert_eq!(
                scalars_of(&format!("\"\\{escape}\"")),
                Ok(vec![expected.to_string()]),
                "\\{escape}"
            );
        }
        // Every code point under Miri would take hours: there, a stride that still crosses
        // every boundary below (one byte, two, three, four, surrogates, the end).
        let stride = if cfg!(miri) { 4093 } else { 1 };
        let edges = [0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF];
        let code_points = (0..=0xFFFFu32).step_by(stride).chain(edges);
        for code in code_points {
            let two = (code <= 0xFF).then(|| format!("\\x{code:02X}"));
            let four = (code <= 0xFFFF).then(|| format!("\\u{code:04x}"));
            let eight = Some(format!("\\U{code:08X}"));
            for escape in [two, four, eight].into_iter().flatten() {
                let result = scalars_of(&format!("\"{escape}\""));
                match char::from_u32(code) {
                    Some(expected) => {
                        assert_eq!(result, Ok(vec![expected.to_string()]), "{escape}")
                    }
                    None => assert!(result.is_err(), "{escape}: {result:?}"),
                }
            }
        }
        let beyond = (0x10FFFFu32..=0x11_0000)
            .chain([0x7FFF_FFFF, 0xFFFF_FFFF])
            .chain((0x10000..=0x10FFFF).step_by(stride * 61));
        for code in beyond {
            let escape = format!("\\U{code:08x}");
            let result = scalars_of(&format!("\"{escape}\""));
            match char::from_u32(code) {
                Some(expected) => assert_eq!(result, Ok(vec![expected.to_string()]), "{escape}"),
                None => assert!(result.is_err(), "{escape}: {result:?}"),
            }
        }
        for bad in ["\\x", "\\xG0", "\\u12", "\\U0010FFF", "\\q", "\\"] {
            assert!(scalars_of(&format!("\"{bad}\"")).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_problem_and_where() {
        let mut parser = Parser::new("a: [1, 2\n");
        let error = std::iter::from_fn(|| parser.next_event())
            .find_map(Result::err)
            .expect("an error");
        assert!(error.problem.contains("expected ',' or ']'"), "{error:?}");
        let (context, line, column) = error.context.expect("a context");
        assert_eq!(
            (context.as_str(), line, column),
            ("while parsing a flow sequence", 0, 3)
        );
    }
}
