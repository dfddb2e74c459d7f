//! The SOA serial policy.

/// The SOA serial: the commit time in Unix seconds (it fits 32 bits until 2106); 1 when
/// the repository has no commit.
pub(super) fn serial(commit_time: Option<i64>) -> u32 {
    commit_time
        .and_then(|t| u32::try_from(t).ok())
        .filter(|&t| t > 0)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_come_from_the_commit_time() {
        assert_eq!(serial(Some(1_764_000_000)), 1_764_000_000);
        assert_eq!(serial(None), 1);
        assert_eq!(serial(Some(-5)), 1);
    }
}
