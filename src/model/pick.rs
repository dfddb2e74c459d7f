//! Picks named top-level fields of a serializable struct into JSON, converting only them.
//!
//! Policy rules read a few fields of every object of a collection; converting whole
//! devices (with their interfaces and addresses) to JSON cost more than every other check
//! together on large repositories. [`pick`] runs the struct's `Serialize` impl with a
//! serializer that skips every field it was not asked for.

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use serde_json::{Map, Value};

/// The fields of `value` named in `fields`, as a JSON object; `None` if `value` does not
/// serialize as a struct (then convert it whole).
pub fn pick<T: Serialize>(value: &T, fields: &[&str]) -> Option<Value> {
    value.serialize(Picker { fields }).ok().map(Value::Object)
}

struct Picker<'a> {
    fields: &'a [&'a str],
}

struct Picked<'a> {
    fields: &'a [&'a str],
    map: Map<String, Value>,
}

#[derive(Debug)]
struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a struct")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: std::fmt::Display>(_: M) -> NotAStruct {
        NotAStruct
    }
}

impl SerializeStruct for Picked<'_> {
    type Ok = Map<String, Value>;
    type Error = NotAStruct;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotAStruct> {
        if self.fields.contains(&key) {
            let value = serde_json::to_value(value).map_err(|_| NotAStruct)?;
            self.map.insert(key.to_string(), value);
        }
        Ok(())
    }

    fn end(self) -> Result<Map<String, Value>, NotAStruct> {
        Ok(self.map)
    }
}

macro_rules! not_a_struct {
    ($($name:ident($($arg:ty),*);)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<Self::Ok, NotAStruct> { Err(NotAStruct) })*
    };
}

impl<'a> Serializer for Picker<'a> {
    type Ok = Map<String, Value>;
    type Error = NotAStruct;
    type SerializeSeq = Impossible<Self::Ok, NotAStruct>;
    type SerializeTuple = Impossible<Self::Ok, NotAStruct>;
    type SerializeTupleStruct = Impossible<Self::Ok, NotAStruct>;
    type SerializeTupleVariant = Impossible<Self::Ok, NotAStruct>;
    type SerializeMap = Impossible<Self::Ok, NotAStruct>;
    type SerializeStruct = Picked<'a>;
    type SerializeStructVariant = Impossible<Self::Ok, NotAStruct>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Picked<'a>, NotAStruct> {
        Ok(Picked {
            fields: self.fields,
            map: Map::new(),
        })
    }

    not_a_struct! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<Self::Ok, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<Self::Ok, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Self::Ok, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[derive(serde::Serialize)]
    struct Thing {
        name: String,
        big: Vec<u32>,
        tenant: Option<String>,
    }

    #[test]
    fn only_the_named_fields_are_converted() {
        let thing = Thing {
            name: "a".into(),
            big: vec![1, 2, 3],
            tenant: None,
        };
        assert_eq!(
            pick(&thing, &["name", "tenant", "missing"]),
            Some(serde_json::json!({"name": "a", "tenant": null}))
        );
        assert_eq!(pick(&5u32, &["name"]), None);
    }
}
