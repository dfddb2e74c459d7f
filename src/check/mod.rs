//! The rule families of SPEC section 3 that run on the resolved graph.
