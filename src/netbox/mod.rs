//! The bridge to a running NetBox: `client` speaks its REST API; `import` reads a NetBox
//! into a repository. Only these modules (and `cli/`) do network IO; nothing here prints.

pub mod client;
pub mod import;
