//! Scopes: what a prefix, VLAN group or cluster applies to, NetBox 4.2's generic
//! `scope_type`/`scope_id` written as one key naming the object: `region:`, `site_group:`,
//! `site:` or `location:` (prefixes, clusters, VLAN groups), and for VLAN groups also
//! `rack:`, `cluster_group:` or `cluster:`. At most one of them is given (NS0429); none is
//! a global object. The keys are NetBox's own field names of the scope's model, so
//! `site: ams1` written before NetBox 4.2 keeps its meaning.

use super::Text;

/// The kind of object a scope names, as NetBox's `scope_type` content types do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScopeKind {
    Region,
    SiteGroup,
    Site,
    Location,
    Rack,
    ClusterGroup,
    Cluster,
}

impl ScopeKind {
    /// Every kind, in the order of [`ScopeRefs`].
    pub const ALL: [ScopeKind; 7] = [
        ScopeKind::Region,
        ScopeKind::SiteGroup,
        ScopeKind::Site,
        ScopeKind::Location,
        ScopeKind::Rack,
        ScopeKind::ClusterGroup,
        ScopeKind::Cluster,
    ];

    /// The key a data file writes it with.
    pub fn key(self) -> &'static str {
        match self {
            ScopeKind::Region => "region",
            ScopeKind::SiteGroup => "site_group",
            ScopeKind::Site => "site",
            ScopeKind::Location => "location",
            ScopeKind::Rack => "rack",
            ScopeKind::ClusterGroup => "cluster_group",
            ScopeKind::Cluster => "cluster",
        }
    }

    /// How messages call it.
    pub fn label(self) -> &'static str {
        match self {
            ScopeKind::Region => "region",
            ScopeKind::SiteGroup => "site group",
            ScopeKind::Site => "site",
            ScopeKind::Location => "location",
            ScopeKind::Rack => "rack",
            ScopeKind::ClusterGroup => "cluster group",
            ScopeKind::Cluster => "cluster",
        }
    }

    /// NetBox's content type for `scope_type` (`app_label.model`).
    pub fn content_type(self) -> &'static str {
        match self {
            ScopeKind::Region => "dcim.region",
            ScopeKind::SiteGroup => "dcim.sitegroup",
            ScopeKind::Site => "dcim.site",
            ScopeKind::Location => "dcim.location",
            ScopeKind::Rack => "dcim.rack",
            ScopeKind::ClusterGroup => "virtualization.clustergroup",
            ScopeKind::Cluster => "virtualization.cluster",
        }
    }

    /// The kind of a NetBox content type, the inverse of [`ScopeKind::content_type`].
    pub fn from_content_type(content_type: &str) -> Option<ScopeKind> {
        ScopeKind::ALL
            .into_iter()
            .find(|k| k.content_type() == content_type)
    }
}

/// An object's scope keys, indexed by `ScopeKind as usize`; a kind the collection does not
/// offer is always `None`. A fixed array, so reading an object's scope allocates nothing.
pub type ScopeRefs<'a> = [Option<&'a Text>; 7];

/// The scope keys an object wrote, in [`ScopeKind::ALL`] order.
pub fn written<'r, 'a: 'r>(
    refs: &'r ScopeRefs<'a>,
) -> impl Iterator<Item = (ScopeKind, &'a Text)> + 'r {
    ScopeKind::ALL
        .into_iter()
        .zip(refs.iter())
        .filter_map(|(kind, text)| text.map(|t| (kind, t)))
}

/// The scope key an object wrote first, which is its scope; further ones are NS0429.
pub fn first<'a>(refs: &ScopeRefs<'a>) -> Option<(ScopeKind, &'a Text)> {
    ScopeKind::ALL
        .into_iter()
        .zip(refs.iter())
        .find_map(|(kind, text)| text.map(|t| (kind, t)))
}
