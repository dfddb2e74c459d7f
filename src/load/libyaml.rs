//! A safe view of libyaml's event parser (the `unsafe-libyaml-norway` port to Rust).
//!
//! libyaml is the YAML parser most tools have used for twenty years, fuzzed for most of
//! them; this port is the one `serde_yaml_ng` maintains. All `unsafe` of the loader is here:
//! the parser is initialized in place in a box it never leaves (libyaml keeps a pointer to
//! it), the input outlives it by its lifetime parameter, and every event is deleted once
//! read, by [`Event`]'s `Drop`.

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

use unsafe_libyaml_norway as unsafe_yaml;

/// A parser over one input text.
pub struct Parser<'input> {
    raw: Box<unsafe_yaml::yaml_parser_t>,
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
        let mut raw = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: initialize writes every field of the parser it is given (it zeroes it
        // first); it fails only when it cannot allocate, which aborts in Rust's allocator.
        let raw = unsafe {
            let ok = unsafe_yaml::yaml_parser_initialize(raw.as_mut_ptr()).ok;
            assert!(ok, "libyaml could not allocate its parser");
            raw.assume_init()
        };
        let mut parser = Parser {
            raw,
            done: false,
            input: PhantomData,
        };
        // SAFETY: the input outlives the parser ('input), and the parser stays in its box, so
        // the pointer libyaml keeps to it stays valid. Our inputs are always UTF-8.
        unsafe {
            unsafe_yaml::yaml_parser_set_encoding(
                &mut *parser.raw,
                unsafe_yaml::YAML_UTF8_ENCODING,
            );
            unsafe_yaml::yaml_parser_set_input_string(
                &mut *parser.raw,
                input.as_ptr(),
                input.len() as u64,
            );
        }
        parser
    }

    /// The next event, `None` after the end of the stream or an error.
    pub fn next_event(&mut self) -> Option<Result<Event, Error>> {
        if self.done {
            return None;
        }
        let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: the parser is initialized; on success the event is initialized and owned
        // by the returned `Event`, which deletes it.
        let ok = unsafe { unsafe_yaml::yaml_parser_parse(&mut *self.raw, event.as_mut_ptr()).ok };
        if !ok {
            self.done = true;
            return Some(Err(self.error()));
        }
        // SAFETY: parse succeeded, so it wrote the event.
        let event = Event {
            raw: unsafe { event.assume_init() },
        };
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
        let raw = &*self.raw;
        // SAFETY: after a failure libyaml's problem and context are null or static C strings.
        let problem = unsafe { c_text(raw.problem) }.unwrap_or_else(|| "invalid YAML".into());
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
        // SAFETY: the parser was initialized and is deleted once.
        unsafe { unsafe_yaml::yaml_parser_delete(&mut *self.raw) }
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
                    let bytes = if scalar.value.is_null() {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(scalar.value, scalar.length as usize)
                    };
                    // The input is a `str` and libyaml writes only valid characters (it rejects
                    // escapes of surrogates and beyond U+10FFFF), so the value is UTF-8.
                    debug_assert!(std::str::from_utf8(bytes).is_ok());
                    EventKind::Scalar {
                        value: std::str::from_utf8_unchecked(bytes),
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
