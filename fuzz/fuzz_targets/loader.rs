//! The loader on one file's text: the YAML event parser, the tree builder and the
//! deserializer. Seed the corpus with `fuzz/seed` (the example's and the rule fixtures'
//! YAML files).
#![no_main]

use libfuzzer_sys::fuzz_target;
use netsot::diag::{FileId, Severity};
use netsot::load::{de, parse_tree};
use netsot::model::device_type::DeviceType;

fuzz_target!(|bytes: &[u8]| {
    // The loader only ever sees UTF-8: other bytes are reported before parsing.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let file = FileId(0);
    let arena = bumpalo::Bump::new();
    let mut diagnostics = Vec::new();
    if let Some(root) = parse_tree(file, text, &arena, &mut diagnostics) {
        let context = de::Context::new(file, Severity::Warning);
        let _ = de::from_node::<DeviceType>(&root, &context);
        let _ = de::from_node::<serde_json::Value>(&root, &context);
        diagnostics.extend(context.diagnostics.into_inner());
    }
    for label in diagnostics.iter().flat_map(|d| d.primary.iter().chain(&d.secondary)) {
        let span = label.location.span;
        assert!(span.start <= span.end, "a span that ends before it starts");
        assert!(text.is_char_boundary(span.start as usize), "a span outside the text");
        assert!(text.is_char_boundary(span.end as usize), "a span outside the text");
    }
});
