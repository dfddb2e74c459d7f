//! References resolved into an index-based graph.
