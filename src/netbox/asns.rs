//! ASNs (key: the number), ASN ranges (key: the name, which NetBox keeps unique) and the
//! ASNs of sites and providers. A site's `asns` are set by
//! [`Kind::SiteAsns`], once the ASNs exist (sites come before RIRs, which ASNs need);
//! providers come after ASNs and carry theirs themselves (`circuits.rs`). ASNs belong to
//! no site: `--prune` never deletes one.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, named, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    let ix = &graph.indexes;
    for object in &model.asns {
        let a = &object.data;
        let mut d = Desired::new(Kind::Asns, a.asn.value.to_string(), None, object.location());
        d.value_at("asn", a.asn.value, object.at(&a.asn))
            .reference(
                "rir",
                Kind::Rirs,
                named(&ix.rirs, &model.rirs, |r| &r.name, Some(&a.rir)),
                Some(object.at(&a.rir)),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                named(&ix.tenants, &model.tenants, |t| &t.name, a.tenant.as_ref()),
                at(object, a.tenant.as_ref()),
            )
            .text("description", a.description.as_deref())
            .tags(&a.tags);
        out.push(d);
    }
    for object in &model.asn_ranges {
        let a = &object.data;
        let mut d = Desired::new(
            Kind::AsnRanges,
            a.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", a.name.value.as_str())
            .value("slug", super::slug(a.slug.as_ref(), &a.name))
            .reference(
                "rir",
                Kind::Rirs,
                named(&ix.rirs, &model.rirs, |r| &r.name, Some(&a.rir)),
                Some(object.at(&a.rir)),
            )
            .value_at("start", a.start.value, object.at(&a.start))
            .value_at("end", a.end.value, object.at(&a.end))
            .reference(
                "tenant",
                Kind::Tenants,
                named(&ix.tenants, &model.tenants, |t| &t.name, a.tenant.as_ref()),
                at(object, a.tenant.as_ref()),
            )
            .text("description", a.description.as_deref())
            .tags(&a.tags);
        out.push(d);
    }
    for object in &model.sites {
        let s = &object.data;
        let mut d = Desired::new(
            Kind::SiteAsns,
            s.name.value.clone(),
            Some(s.name.value.clone()),
            object.location(),
        );
        d.references("asns", Kind::Asns, numbers(&s.asns));
        out.push(d);
    }
}

/// The keys of a list of ASNs.
pub fn numbers(asns: &[crate::model::Spanned<u32>]) -> Vec<String> {
    asns.iter().map(|a| a.value.to_string()).collect()
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    _state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::Asns => Some((
            json.get("asn")
                .and_then(Value::as_u64)
                .map(|a| a.to_string()),
            None,
        )),
        Kind::AsnRanges => Some((
            json.get("name").and_then(Value::as_str).map(str::to_string),
            None,
        )),
        Kind::SiteAsns => {
            let name = json.get("name").and_then(Value::as_str).map(str::to_string);
            Some((name.clone(), name))
        }
        _ => None,
    }
}
