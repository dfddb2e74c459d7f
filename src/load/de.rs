//! A serde deserializer over the spanned YAML tree.
//!
//! It differs from a plain YAML deserializer in the ways diagnostics need:
//! - scalars are typed by the field that receives them (`name: no` is the string "no");
//! - keys a struct does not have are not fatal: they are recorded as `unknown-field`
//!   diagnostics with the closest field names, and skipped;
//! - every error carries the span of the innermost node it concerns;
//! - [`Spanned`](crate::model::Spanned) values receive the span of their node.

use std::cell::RefCell;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::yaml::{is_null_text, parse_float, parse_int, Node, NodeKind, ScalarValue};
use crate::diag::{self, codes, Diagnostic, FileId, Location, Severity, Span};
use crate::model::spanned::SPANNED_TOKEN;

pub use super::de_error::{Error, ErrorKind};

/// Whether a plain scalar is an integer in decimal (`-12`, `+7`, `123`).
fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Shared state of one file's deserialization: where unknown fields are reported.
pub struct Context {
    pub file: FileId,
    pub unknown_field_severity: Severity,
    pub diagnostics: RefCell<Vec<Diagnostic>>,
}

impl Context {
    pub fn new(file: FileId, unknown_field_severity: Severity) -> Context {
        Context {
            file,
            unknown_field_severity,
            diagnostics: RefCell::new(Vec::new()),
        }
    }

    fn unknown_field(&self, key: &Node<'_>, fields: &'static [&'static str]) {
        let name = key.as_str().unwrap_or("?");
        let suggestions = diag::did_you_mean(name, fields.iter().copied());
        let mut diagnostic = Diagnostic::new(
            &codes::UNKNOWN_FIELD,
            format!("unknown field `{}`", diag::quote(name)),
        )
        .at(Location::new(self.file, key.span))
        .with_severity(self.unknown_field_severity);
        diagnostic.help = diag::suggestion_help(&suggestions).or_else(|| {
            let mut known: Vec<&str> = fields.to_vec();
            known.sort_unstable();
            Some(format!("known fields: {}", known.join(", ")))
        });
        self.diagnostics.borrow_mut().push(diagnostic);
    }
}

/// Deserializes `T` from `node`.
pub fn from_node<'de, T: de::Deserialize<'de>>(
    node: &'de Node<'de>,
    context: &Context,
) -> Result<T, Error> {
    T::deserialize(NodeDeserializer::new(node, context))
}

#[derive(Clone, Copy)]
pub struct NodeDeserializer<'de, 'c> {
    node: &'de Node<'de>,
    context: &'c Context,
    /// For the value of a struct's key: the key and the struct's fields. If the struct
    /// ignores the value, the key is not one of its fields and is reported.
    unknown: Option<(&'de Node<'de>, &'static [&'static str])>,
}

impl<'de, 'c> NodeDeserializer<'de, 'c> {
    fn new(node: &'de Node<'de>, context: &'c Context) -> NodeDeserializer<'de, 'c> {
        NodeDeserializer {
            node,
            context,
            unknown: None,
        }
    }

    fn scalar(&self) -> Option<(&'de str, bool)> {
        match &self.node.kind {
            NodeKind::Scalar { text, plain } => Some((text, *plain)),
            _ => None,
        }
    }

    fn unexpected(&self) -> de::Unexpected<'de> {
        match &self.node.kind {
            NodeKind::Scalar { text, plain } => match ScalarValue::resolve(text, *plain) {
                ScalarValue::Null => de::Unexpected::Unit,
                ScalarValue::Bool(b) => de::Unexpected::Bool(b),
                ScalarValue::Int(i) => de::Unexpected::Signed(i),
                ScalarValue::Float(f) => de::Unexpected::Float(f),
                ScalarValue::Str(s) => de::Unexpected::Str(s),
            },
            NodeKind::Seq(_) => de::Unexpected::Seq,
            NodeKind::Map(_) => de::Unexpected::Map,
        }
    }

    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match self.scalar() {
            Some((text, _)) => match parse_int(text.trim()) {
                Some(int) if int < 0 => visitor.visit_i64(int),
                Some(int) => visitor.visit_u64(int as u64),
                None => match text.trim().parse::<u64>() {
                    Ok(int) => visitor.visit_u64(int),
                    Err(_) => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
                },
            },
            None => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e: Error| e.at(span))
    }

    fn float<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match self.scalar().and_then(|(text, _)| parse_float(text.trim())) {
            Some(float) => visitor.visit_f64(float),
            None => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e: Error| e.at(span))
    }
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Scalar { text, plain } => match ScalarValue::resolve(text, *plain) {
                ScalarValue::Null => visitor.visit_unit(),
                ScalarValue::Bool(b) => visitor.visit_bool(b),
                ScalarValue::Int(i) if i >= 0 => visitor.visit_u64(i as u64),
                ScalarValue::Int(i) => visitor.visit_i64(i),
                // A number JSON cannot hold exactly would change silently: `.inf` and
                // `.nan` into null, an integer beyond 64 bits into a rounded float. They
                // stay the text they were written as; an integer of 64 bits stays one.
                ScalarValue::Float(f) if !f.is_finite() => visitor.visit_borrowed_str(text),
                ScalarValue::Float(_) if is_integer_text(text) => match text.parse::<u64>() {
                    Ok(int) => visitor.visit_u64(int),
                    Err(_) => visitor.visit_borrowed_str(text),
                },
                ScalarValue::Float(f) => visitor.visit_f64(f),
                ScalarValue::Str(_) => visitor.visit_borrowed_str(text),
            },
            NodeKind::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
                context: self.context,
            }),
            NodeKind::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
                context: self.context,
                fields: None,
            }),
        };
        result.map_err(|e| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match self.scalar() {
            Some(("true" | "True" | "TRUE", _)) => visitor.visit_bool(true),
            Some(("false" | "False" | "FALSE", _)) => visitor.visit_bool(false),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e: Error| e.at(span))
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.float(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match self.scalar() {
            Some((text, true)) if is_null_text(text) => {
                Err(de::Error::invalid_type(de::Unexpected::Unit, &visitor))
            }
            Some((text, _)) => visitor.visit_borrowed_str(text),
            None => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e: Error| e.at(span))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_unit()
        } else {
            Err(Error::invalid_type_at(
                self.unexpected(),
                &visitor,
                self.node.span,
            ))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED_TOKEN {
            let span = self.node.span;
            return visitor
                .visit_seq(SpannedAccess {
                    node: self.node,
                    context: self.context,
                    state: 0,
                })
                .map_err(|e| e.at(span));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
                context: self.context,
            }),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e| e.at(span))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
                context: self.context,
                fields: None,
            }),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e| e.at(span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
                context: self.context,
                fields: Some(fields),
            }),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e| e.at(span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let span = self.node.span;
        let result = match &self.node.kind {
            NodeKind::Scalar { .. } => visitor.visit_enum(EnumAccess {
                tag: self.node,
                value: None,
                context: self.context,
            }),
            NodeKind::Map(entries) if entries.len() == 1 => visitor.visit_enum(EnumAccess {
                tag: &entries[0].0,
                value: Some(&entries[0].1),
                context: self.context,
            }),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        result.map_err(|e| e.at(span))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some((key, fields)) = self.unknown {
            self.context.unknown_field(key, fields);
        }
        visitor.visit_unit()
    }
}

struct SeqAccess<'de, 'c> {
    items: std::slice::Iter<'de, Node<'de>>,
    context: &'c Context,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(NodeDeserializer::new(node, self.context))
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'de, 'c> {
    entries: std::slice::Iter<'de, (Node<'de>, Node<'de>)>,
    /// The key just read and its value.
    value: Option<(&'de Node<'de>, &'de Node<'de>)>,
    context: &'c Context,
    /// The fields of the struct being read; keys outside them are reported and skipped.
    fields: Option<&'static [&'static str]>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (key, value) in self.entries.by_ref() {
            // A struct tells its unknown keys by ignoring their values (see `next_value_seed`);
            // a key that cannot be a field name at all is reported here.
            if let Some(fields) = self.fields {
                if key.as_str().is_none() || key.is_null() {
                    self.context.unknown_field(key, fields);
                    continue;
                }
            }
            self.value = Some((key, value));
            return seed
                .deserialize(NodeDeserializer::new(key, self.context))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, node) = self
            .value
            .take()
            .expect("next_value_seed is called after next_key_seed");
        seed.deserialize(NodeDeserializer {
            node,
            context: self.context,
            unknown: self.fields.map(|fields| (key, fields)),
        })
    }
}

struct EnumAccess<'de, 'c> {
    tag: &'de Node<'de>,
    value: Option<&'de Node<'de>>,
    context: &'c Context,
}

impl<'de, 'c> de::EnumAccess<'de> for EnumAccess<'de, 'c> {
    type Error = Error;
    type Variant = VariantAccess<'de, 'c>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = seed.deserialize(NodeDeserializer::new(self.tag, self.context))?;
        Ok((
            variant,
            VariantAccess {
                value: self.value,
                span: self.tag.span,
                context: self.context,
            },
        ))
    }
}

struct VariantAccess<'de, 'c> {
    value: Option<&'de Node<'de>>,
    span: Span,
    context: &'c Context,
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None => Ok(()),
            Some(node) if node.is_null() => Ok(()),
            Some(node) => Err(Error::invalid_type_at(
                de::Unexpected::Map,
                &"a name",
                node.span,
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(node) => seed.deserialize(NodeDeserializer::new(node, self.context)),
            None => Err(Error::invalid_type_at(
                de::Unexpected::UnitVariant,
                &"a value",
                self.span,
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_seq(
                NodeDeserializer::new(node, self.context),
                visitor,
            ),
            None => Err(Error::invalid_type_at(
                de::Unexpected::UnitVariant,
                &"a list",
                self.span,
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_struct(
                NodeDeserializer::new(node, self.context),
                "",
                fields,
                visitor,
            ),
            None => Err(Error::invalid_type_at(
                de::Unexpected::UnitVariant,
                &"a mapping",
                self.span,
            )),
        }
    }
}

/// Feeds a `Spanned` visitor the node's span start, span end, and then the value.
struct SpannedAccess<'de, 'c> {
    node: &'de Node<'de>,
    context: &'c Context,
    state: u8,
}

impl<'de> de::SeqAccess<'de> for SpannedAccess<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.state += 1;
        match self.state {
            1 => seed
                .deserialize(self.node.span.start.into_deserializer())
                .map(Some),
            2 => seed
                .deserialize(self.node.span.end.into_deserializer())
                .map(Some),
            3 => seed
                .deserialize(NodeDeserializer::new(self.node, self.context))
                .map(Some),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;
    use crate::model::dcim::Device;
    use crate::model::Spanned;

    fn load<T: de::DeserializeOwned>(text: &str) -> (Result<T, Error>, Vec<Diagnostic>) {
        let arena = bumpalo::Bump::new();
        let root = yaml::parse(text, &arena).unwrap().root.unwrap();
        let context = Context::new(FileId(0), Severity::Error);
        let result = from_node(&root, &context);
        (result, context.diagnostics.into_inner())
    }

    #[test]
    fn untyped_numbers_json_cannot_hold_stay_their_text() {
        let text = "{inf: .inf, nan: .nan, big: 123456789012345678901234567890, u64: 18446744073709551615, small: 1e-7}";
        let (value, _) = load::<serde_json::Value>(text);
        assert_eq!(
            value.unwrap(),
            serde_json::json!({"inf": ".inf", "nan": ".nan", "big": "123456789012345678901234567890",
                "u64": 18446744073709551615_u64, "small": 1e-7})
        );
    }

    #[test]
    fn spanned_values_get_their_span() {
        let text = "name: leaf1\n";
        let (value, _) = load::<std::collections::BTreeMap<String, Spanned<String>>>(text);
        let name = &value.unwrap()["name"];
        assert_eq!(
            &text[name.span.start as usize..name.span.end as usize],
            "leaf1"
        );
    }

    #[test]
    fn unknown_fields_are_reported_with_suggestions() {
        let text =
            "{name: leaf1, device_type: x, role: leaf, site: ams1, primary_ipv4: 10.0.0.1/32}";
        let (device, diagnostics) = load::<Device>(text);
        assert!(device.is_ok());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].rule.code, "NS0103");
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `primary_ip4`?")
        );
    }

    #[test]
    fn keys_that_cannot_be_field_names_are_reported_and_skipped() {
        let text = "name: leaf1\ndevice_type: x\nrole: leaf\nsite: ams1\n? [a, b]\n: 1\n~: 2\n";
        let (device, diagnostics) = load::<Device>(text);
        assert_eq!(
            device.unwrap().name.map(|n| n.value).as_deref(),
            Some("leaf1")
        );
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, ["NS0103", "NS0103"]);
    }

    #[test]
    fn bad_choices_list_the_allowed_values() {
        let text = "{name: leaf1, device_type: x, role: leaf, site: ams1, status: activ}";
        let (device, _) = load::<Device>(text);
        let error = device.unwrap_err();
        assert!(matches!(error.kind, ErrorKind::InvalidChoice { .. }));
        assert_eq!(
            &text[error.span.unwrap().start as usize..error.span.unwrap().end as usize],
            "activ"
        );
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        let text = "{name: leaf1, device_type: x, role: leaf, site: [a, b]}";
        let (device, _) = load::<Device>(text);
        let error = device.unwrap_err();
        assert_eq!(error.kind, ErrorKind::WrongType);
        assert_eq!(
            &text[error.span.unwrap().start as usize..error.span.unwrap().end as usize],
            "[a, b]"
        );
    }

    #[test]
    fn missing_fields_point_at_the_object() {
        let (device, _) = load::<Device>("{name: leaf1, role: leaf, site: ams1}");
        assert_eq!(
            device.unwrap_err().kind,
            ErrorKind::MissingField("device_type")
        );
    }

    #[test]
    fn names_stay_strings() {
        let (value, _) = load::<std::collections::BTreeMap<String, String>>("a: no\nb: 1234\n");
        let value = value.unwrap();
        assert_eq!(value["a"], "no");
        assert_eq!(value["b"], "1234");
    }
}
