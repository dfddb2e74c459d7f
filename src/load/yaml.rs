//! YAML text to a tree of spanned nodes.
//!
//! The parser is `saphyr-parser` (YAML 1.2, pure Rust, events; `events.rs`); this module builds a
//! small tree of [`Node`]s from its events, with byte spans, and enforces the limits that
//! keep hostile input harmless: nesting depth and alias expansion. Scalars keep their text
//! and style; they are typed only when deserialized (see `de.rs`), so a name field holding
//! `no` stays the string `no`, while a number field holding it is reported.

use std::collections::HashMap;

use bumpalo::Bump;

use super::events::{self, EventKind, Parser};

use crate::diag::Span;

/// Deeper nesting than this is reported as too complex; real intent is a few levels deep.
pub const MAX_DEPTH: usize = 64;

/// A node of a file's tree. Nodes, their lists and the text of quoted scalars live in the
/// file's arena ([`Bump`]), freed at once with it; plain scalars on one line borrow the
/// file's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub kind: NodeKind<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeKind<'a> {
    /// A scalar: its text and whether it was plain (unquoted, so subject to typing).
    Scalar {
        text: &'a str,
        plain: bool,
    },
    Seq(&'a [Node<'a>]),
    Map(&'a [(Node<'a>, Node<'a>)]),
}

impl<'a> Node<'a> {
    pub fn as_str(&self) -> Option<&'a str> {
        match self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Scalar { text, plain: true } if is_null_text(text))
    }

    /// The value of `key` in a mapping node.
    pub fn get(&self, key: &str) -> Option<&'a Node<'a>> {
        match self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The items of a sequence node; none for another node.
    pub fn items(&self) -> &'a [Node<'a>] {
        match self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping node; none for another node.
    pub fn entries(&self) -> &'a [(Node<'a>, Node<'a>)] {
        match self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Scalar { text, plain } => match ScalarValue::resolve(text, plain) {
                ScalarValue::Null => "null",
                ScalarValue::Bool(_) => "a boolean",
                ScalarValue::Int(_) => "an integer",
                ScalarValue::Float(_) => "a number",
                ScalarValue::Str(_) => "a string",
            },
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A plain scalar typed by the YAML 1.2 core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum ScalarValue<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl<'a> ScalarValue<'a> {
    pub fn resolve(text: &'a str, plain: bool) -> ScalarValue<'a> {
        if !plain {
            return ScalarValue::Str(text);
        }
        if is_null_text(text) {
            return ScalarValue::Null;
        }
        match text {
            "true" | "True" | "TRUE" => return ScalarValue::Bool(true),
            "false" | "False" | "FALSE" => return ScalarValue::Bool(false),
            _ => {}
        }
        if let Some(int) = parse_int(text) {
            return ScalarValue::Int(int);
        }
        if let Some(float) = parse_float(text) {
            return ScalarValue::Float(float);
        }
        ScalarValue::Str(text)
    }
}

pub fn parse_int(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_digit() || first == b'-' || first == b'+') {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    text.parse().ok()
}

pub fn parse_float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    let bytes = text.as_bytes();
    let valid = bytes
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && bytes.iter().any(|b| b.is_ascii_digit());
    if valid {
        text.parse().ok()
    } else {
        None
    }
}

/// Why a file could not be turned into a tree.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlError {
    Syntax { message: String, span: Span },
    TooDeep { span: Span },
    AliasBudget { span: Span },
    UnknownAlias { span: Span },
}

/// A duplicate key found while building the tree: the repeated key and the first one.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub second: Span,
}

/// The tree of a file (`None` for an empty file), and its duplicate keys.
pub struct Parsed<'a> {
    pub root: Option<Node<'a>>,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// Parses one YAML document into `arena`. Later documents of a multi-document stream are
/// an error.
pub fn parse<'a>(text: &'a str, arena: &'a Bump) -> Result<Parsed<'a>, YamlError> {
    let mut builder = Builder {
        arena,
        source: text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        duplicate_keys: Vec::new(),
        // Aliases may repeat nodes, but never beyond a small multiple of what the file holds.
        alias_budget: 1_000_000usize.max(text.len() / 2),
        documents: 0,
    };
    let len = text.len() as u32;
    // A byte order mark is left out of what the parser sees: it would count it as a column,
    // and the first key would seem indented. Offsets are shifted back past it.
    let (body, shift) = match text.strip_prefix('\u{feff}') {
        Some(body) => (body, 3),
        None => (text, 0),
    };
    let at = |index: u64| (index as u32).saturating_add(shift).min(len);
    if let Some((offset, character)) = unprintable(body) {
        let at = at(offset as u64);
        return Err(YamlError::Syntax {
            message: format!(
                "control characters are not allowed (U+{:04X})",
                u32::from(character)
            ),
            span: Span::new(at, at),
        });
    }
    let mut parser = Parser::new(body);
    while let Some(event) = parser.next_event() {
        let event = event.map_err(|error| syntax_error(error, &at))?;
        let (start, end) = event.span();
        builder.event(event.kind(), Span::new(at(start), at(end)))?;
    }
    Ok(Parsed {
        root: builder.root,
        duplicate_keys: builder.duplicate_keys,
    })
}

/// The first character YAML does not allow in a stream (outside its `c-printable` set: C0
/// and C1 controls but tab, line breaks and NEL, DEL, U+FFFE and U+FFFF), which
/// saphyr-parser lets through into scalars. One pass over the bytes: the rare lead bytes
/// are looked at closely.
fn unprintable(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let suspect = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xef)
    };
    let mut from = 0;
    while let Some(found) = bytes[from..].iter().position(|&b| suspect(b)) {
        let at = from + found;
        let character = text[at..].chars().next()?;
        let refused = match character {
            '\u{85}' => false,
            '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => true,
            c => c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r'),
        };
        if refused {
            return Some((at, character));
        }
        from = at + character.len_utf8();
    }
    None
}

/// The parser's error as a message pinned to where the problem was found.
fn syntax_error(error: events::Error, at: &impl Fn(u64) -> u32) -> YamlError {
    let at = at(error.offset);
    YamlError::Syntax {
        message: error.problem,
        span: Span::new(at, at),
    }
}

/// An open sequence or mapping.
struct Frame<'a> {
    span: Span,
    anchor: Option<String>,
    map: bool,
    items: bumpalo::collections::Vec<'a, Node<'a>>,
    entries: bumpalo::collections::Vec<'a, (Node<'a>, Node<'a>)>,
    pending_key: Option<Node<'a>>,
    /// The nodes it holds with aliases expanded, for the alias budget.
    size: usize,
    /// Entries brought in by merge keys (`<<`), applied at the end for keys not set explicitly.
    merged: Vec<(Node<'a>, Node<'a>)>,
    /// The position of each scalar key in `entries`, once there are more than
    /// [`SCAN_KEYS`]: a scan per key would make a mapping of many keys quadratic.
    key_index: Option<HashMap<&'a str, u32>>,
}

/// Up to this many keys, a mapping finds a repeated key by scanning its entries, which is
/// faster than hashing for the mappings people write.
const SCAN_KEYS: usize = 16;

impl<'a> Frame<'a> {
    /// The entry already holding `key`, if any.
    fn find(&self, key: &Node<'a>) -> Option<&(Node<'a>, Node<'a>)> {
        match (&self.key_index, key.as_str()) {
            (Some(index), Some(text)) => index.get(text).map(|&at| &self.entries[at as usize]),
            (Some(_), None) => None,
            (None, _) => self.entries.iter().find(|(k, _)| same_key(k, key)),
        }
    }

    /// Adds an entry whose key is not yet in the mapping.
    fn push(&mut self, key: Node<'a>, value: Node<'a>) {
        self.entries.push((key, value));
        match &mut self.key_index {
            Some(index) => {
                if let Some(text) = key.as_str() {
                    index.insert(text, self.entries.len() as u32 - 1);
                }
            }
            None if self.entries.len() > SCAN_KEYS => {
                let index = self
                    .entries
                    .iter()
                    .enumerate()
                    .filter_map(|(at, (k, _))| Some((k.as_str()?, at as u32)))
                    .collect();
                self.key_index = Some(index);
            }
            None => {}
        }
    }
}

struct Builder<'a> {
    arena: &'a Bump,
    source: &'a str,
    stack: Vec<Frame<'a>>,
    /// Anchored nodes and their sizes with aliases expanded.
    anchors: HashMap<String, (Node<'a>, usize)>,
    root: Option<Node<'a>>,
    duplicate_keys: Vec<DuplicateKey>,
    alias_budget: usize,
    documents: usize,
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: EventKind<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            EventKind::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError::Syntax {
                        message: "a data file holds one YAML document; found a second `---`".into(),
                        span,
                    });
                }
            }
            EventKind::Scalar {
                value,
                plain,
                anchor,
            } => {
                // A plain scalar on one line is its source text; others are copied.
                let text = match self.source.get(span.start as usize..span.end as usize) {
                    Some(source) if plain && source == value => source,
                    _ => self.arena.alloc_str(value),
                };
                let node = Node {
                    span,
                    kind: NodeKind::Scalar { text, plain },
                };
                self.finish(node, 1, anchor)?;
            }
            EventKind::SequenceStart { anchor } => self.open(span, false, anchor)?,
            EventKind::MappingStart { anchor } => self.open(span, true, anchor)?,
            EventKind::SequenceEnd | EventKind::MappingEnd => {
                let Some(mut frame) = self.stack.pop() else {
                    return Ok(());
                };
                let span = Span::new(frame.span.start, span.end.max(frame.span.start));
                let kind = if frame.map {
                    for (key, value) in std::mem::take(&mut frame.merged) {
                        if frame.find(&key).is_none() {
                            frame.push(key, value);
                        }
                    }
                    NodeKind::Map(frame.entries.into_bump_slice())
                } else {
                    NodeKind::Seq(frame.items.into_bump_slice())
                };
                self.finish(Node { span, kind }, frame.size + 1, frame.anchor.as_deref())?;
            }
            EventKind::Alias { anchor } => {
                let Some(&(node, size)) = self.anchors.get(anchor) else {
                    return Err(YamlError::UnknownAlias { span });
                };
                if size > self.alias_budget {
                    return Err(YamlError::AliasBudget { span });
                }
                self.alias_budget -= size;
                // The alias stands where it is written: diagnostics on it point here. What it
                // holds is shared with the anchored node.
                self.finish(Node { span, ..node }, size, None)?;
            }
            EventKind::Other => {}
        }
        Ok(())
    }

    fn open(&mut self, span: Span, map: bool, anchor: Option<&str>) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::TooDeep { span });
        }
        self.stack.push(Frame {
            span,
            anchor: anchor.map(str::to_string),
            map,
            items: bumpalo::collections::Vec::new_in(self.arena),
            entries: bumpalo::collections::Vec::new_in(self.arena),
            pending_key: None,
            size: 0,
            merged: Vec::new(),
            key_index: None,
        });
        Ok(())
    }

    /// Places a finished node (`size` nodes with aliases expanded) in its parent.
    fn finish(
        &mut self,
        node: Node<'a>,
        size: usize,
        anchor: Option<&str>,
    ) -> Result<(), YamlError> {
        if let Some(anchor) = anchor {
            self.anchors.insert(anchor.to_string(), (node, size));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        parent.size = parent.size.saturating_add(size);
        if !parent.map {
            parent.items.push(node);
            return Ok(());
        }
        let Some(key) = parent.pending_key.take() else {
            parent.pending_key = Some(node);
            return Ok(());
        };
        if key.as_str() == Some("<<") && matches!(key.kind, NodeKind::Scalar { plain: true, .. }) {
            merge_into(&mut parent.merged, node);
        } else if let Some((first, _)) = parent.find(&key) {
            self.duplicate_keys.push(DuplicateKey {
                key: key.as_str().unwrap_or_default().to_string(),
                first: first.span,
                second: key.span,
            });
        } else {
            parent.push(key, node);
        }
        Ok(())
    }
}

/// Whether two keys are the same scalar; most keys differ in length or first byte, which
/// is checked before their bytes are compared.
fn same_key(a: &Node<'_>, b: &Node<'_>) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(a), Some(b)) => {
            a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
        }
        _ => false,
    }
}

/// Collects the entries of a YAML merge key (`<<: *defaults`); earlier sources win, and the
/// mapping's own keys win over all of them when the mapping ends.
fn merge_into<'a>(entries: &mut Vec<(Node<'a>, Node<'a>)>, merged: Node<'a>) {
    let sources: Vec<&[(Node<'a>, Node<'a>)]> = match merged.kind {
        NodeKind::Map(map) => vec![map],
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| match item.kind {
                NodeKind::Map(map) => Some(map),
                _ => None,
            })
            .collect(),
        NodeKind::Scalar { .. } => Vec::new(),
    };
    // Past a few keys, the keys taken are hashed: a merge of a large mapping would
    // otherwise scan everything merged so far for each of its keys.
    let hash = |entries: &[(Node<'a>, Node<'a>)]| -> std::collections::HashSet<&'a str> {
        entries.iter().filter_map(|(k, _)| k.as_str()).collect()
    };
    let mut taken = (entries.len() > SCAN_KEYS).then(|| hash(entries));
    for source in sources {
        for (key, value) in source {
            let present = match (&taken, key.as_str()) {
                (Some(taken), Some(text)) => taken.contains(text),
                (Some(_), None) => false,
                (None, _) => entries.iter().any(|(k, _)| same_key(k, key)),
            };
            if present {
                continue;
            }
            entries.push((*key, *value));
            match &mut taken {
                Some(taken) => {
                    if let Some(text) = key.as_str() {
                        taken.insert(text);
                    }
                }
                None if entries.len() > SCAN_KEYS => taken = Some(hash(entries)),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses with an arena and a copy of the text that live as long as the test.
    fn parse(text: &str) -> Result<Parsed<'static>, YamlError> {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        super::parse(text, Box::leak(Box::new(Bump::new())))
    }

    fn tree(text: &str) -> Node<'static> {
        parse(text).unwrap().root.unwrap()
    }

    #[test]
    fn spans_cover_scalars() {
        let text = "sites:\n  - name: ams1\n";
        let root = tree(text);
        let name = root.get("sites").and_then(|s| match s.kind {
            NodeKind::Seq(items) => items[0].get("name"),
            _ => None,
        });
        let name = name.unwrap();
        assert_eq!(
            &text[name.span.start as usize..name.span.end as usize],
            "ams1"
        );
    }

    #[test]
    fn non_ascii_offsets_are_bytes() {
        let text = "a: Zürich\nb: x\n";
        let root = tree(text);
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "x");
    }

    #[test]
    fn offsets_count_a_byte_order_mark() {
        let text = "\u{feff}a: Zürich\nb: x\n";
        let root = tree(text);
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.start as usize..a.span.end as usize], "Zürich");
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "x");
    }

    #[test]
    fn syntax_errors_name_the_problem_and_its_context() {
        let text = "sites:\n  - name: x\n   status: active\n";
        let Err(YamlError::Syntax { message, span }) = parse(text) else {
            panic!("expected a syntax error");
        };
        assert!(
            message.contains("did not find expected '-' indicator"),
            "{message}"
        );
        assert_eq!(span.start as usize, text.find("status").unwrap());
    }

    #[test]
    fn control_characters_are_pinned_to_their_byte() {
        let text = "a: Zürich\nb: x\u{1}y\n";
        let Err(YamlError::Syntax { message, span }) = parse(text) else {
            panic!("expected a syntax error");
        };
        assert!(
            message.contains("control characters are not allowed"),
            "{message}"
        );
        assert_eq!(span.start as usize, text.find('\u{1}').unwrap());
        // saphyr-parser lets these into scalars; YAML's printable set does not hold them.
        for refused in ['\u{7f}', '\u{80}', '\u{9f}', '\u{fffe}', '\u{0}', '\u{1b}'] {
            let text = format!("a: Zürich\nb: x{refused}y\n");
            let Err(YamlError::Syntax { span, .. }) = parse(&text) else {
                panic!("{refused:?} is not printable");
            };
            assert_eq!(span.start as usize, text.find(refused).unwrap());
        }
        for allowed in ['\u{85}', '\u{a0}', '\t', '\u{e9}', '\u{ef}', '\u{10ffff}'] {
            let text = format!("a: \"x{allowed}y\"\n");
            assert!(parse(&text).is_ok(), "{allowed:?} is printable");
        }
    }

    #[test]
    fn escapes_give_valid_text_or_an_error() {
        let parsed = parse("a: \"\\xff \\u00e9 \\U0001F600\"\n").unwrap();
        let a = parsed.root.unwrap();
        assert_eq!(
            a.get("a").unwrap().as_str(),
            Some("\u{ff} \u{e9} \u{1F600}")
        );
        for bad in ["\\uD800", "\\uDFFF", "\\U00110000", "\\x", "\\q"] {
            let text = format!("a: \"{bad}\"\n");
            assert!(
                matches!(parse(&text), Err(YamlError::Syntax { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_second_document_is_an_error() {
        let Err(YamlError::Syntax { message, .. }) = parse("a: 1\n---\nb: 2\n") else {
            panic!("expected a syntax error");
        };
        assert!(message.contains("second `---`"), "{message}");
    }

    /// Every prefix of a file, and the file with YAML's special characters dropped in at each
    /// place, gives a tree or an error: the parser never panics on what an editor may save.
    #[test]
    fn mangled_input_never_panics() {
        let text = "# c\nsites:\n  - name: \"a b\"\n    tags: [x, 'y', {k: v}]\n    d: |\n      z\n      w\n  - &n {name: b, <<: *n}\nx: >-\n  folded\n? k\n: v\n";
        for end in 0..=text.len() {
            if text.is_char_boundary(end) {
                let _ = parse(&text[..end]);
            }
        }
        for at in 0..=text.len() {
            for special in [
                "-", ":", "?", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", "\"", "%",
                "@", "`", "#", "\t", "\n", " ", "\r", "\u{feff}", "é", "\\",
            ] {
                let mut mangled = text.to_string();
                mangled.insert_str(at, special);
                let _ = parse(&mangled);
            }
        }
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let parsed = parse("a: 1\nb: 2\na: 3\n").unwrap();
        assert_eq!(parsed.duplicate_keys.len(), 1);
        assert_eq!(parsed.root.unwrap().get("a").unwrap().as_str(), Some("1"));
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(matches!(parse(&text), Err(YamlError::AliasBudget { .. })));
    }

    #[test]
    fn deep_nesting_is_stopped() {
        let text = "[".repeat(10_000);
        assert!(matches!(
            parse(&text),
            Err(YamlError::TooDeep { .. }) | Err(YamlError::Syntax { .. })
        ));
    }

    #[test]
    fn scalars_keep_their_value_whatever_their_style() {
        let root = tree("a: one\n  two\nb: plain\nc: 'it''s'\nd: \"x\\ty\"\ne: |\n  l1\n  l2\n");
        let value = |key: &str| root.get(key).unwrap().as_str().unwrap();
        assert_eq!(value("a"), "one two");
        assert_eq!(value("b"), "plain");
        assert_eq!(value("c"), "it's");
        assert_eq!(value("d"), "x\ty");
        assert_eq!(value("e"), "l1\nl2\n");
    }

    #[test]
    fn aliases_stand_where_they_are_written() {
        let text = "a: &x {k: v}\nb: *x\n";
        let root = tree(text);
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "*x");
        assert_eq!(b.get("k").unwrap().as_str(), Some("v"));
    }

    #[test]
    fn merge_keys_apply() {
        let root = tree("base: &b {mtu: 9000, type: virtual}\nx: {<<: *b, mtu: 1500}\n");
        let x = root.get("x").unwrap();
        assert_eq!(x.get("mtu").unwrap().as_str(), Some("1500"));
        assert_eq!(x.get("type").unwrap().as_str(), Some("virtual"));
    }

    #[test]
    fn scalars_resolve_by_core_schema() {
        assert_eq!(ScalarValue::resolve("42", true), ScalarValue::Int(42));
        assert_eq!(ScalarValue::resolve("42", false), ScalarValue::Str("42"));
        assert_eq!(ScalarValue::resolve("no", true), ScalarValue::Str("no"));
        assert_eq!(ScalarValue::resolve("~", true), ScalarValue::Null);
        assert_eq!(ScalarValue::resolve("1.5", true), ScalarValue::Float(1.5));
    }
}
