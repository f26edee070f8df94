//! One sort for the whole engine.
//!
//! The engine sorts in a dozen places — a member's instalments by due date, signals by severity, actions by
//! urgency, debtors by arrears — and every call of `slice::sort_unstable_by` with its own closure is compiled
//! into its own copy of the standard library's sort (pattern-defeating quicksort with its small-sort
//! networks): 8–10 KB of WebAssembly each, over 100 KB in all, in a module held to a size budget (200 KB gzipped
//! when this was written; `tests/js/size.test.mjs`).
//!
//! [`sort_by`] compiles one sort **once**: it sorts a vector of indices with a comparison passed as a trait
//! object (a plain merge sort, [`sorted_indices`]), then moves the elements into that order in place. What each call site adds is the tiny
//! comparison closure. The price is an indirect call per comparison and one index vector per sort, which
//! nobody can measure next to parsing the member; input that is already in order (the common case: exports
//! list instalments and visits by date) is recognised in one pass and left alone, and short vectors (a
//! member's signals and actions) get an insertion sort, which is faster there and tiny.
//!
//! The sort is **stable** (ties keep their input order), so callers need not break ties to be
//! deterministic, and it never panics: sorting `[("b", 2), ("a", 2), ("c", 1)]` by the number gives
//! `[("c", 1), ("b", 2), ("a", 2)]` (the test `ties_keep_input_order`; this module is private, so its example is
//! a unit test rather than a doctest).

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably.
pub fn sort_by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if v.windows(2)
        .all(|w| compare(&w[0], &w[1]) != Ordering::Greater)
    {
        return;
    }
    if v.len() <= SHORT {
        insertion_sort(v, &compare);
        return;
    }
    let by_index = |a: usize, b: usize| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => compare(x, y),
        _ => Ordering::Equal,
    };
    let order = sorted_indices(v.len(), &by_index);
    permute(v, order);
}

/// Up to this length a plain insertion sort is faster than sorting indices, and its code is tiny.
const SHORT: usize = 24;

fn insertion_sort<T>(v: &mut [T], compare: &impl Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && compare(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `compare` gives them, ties in index order: a bottom-up merge sort, which
/// is stable by construction and a few hundred bytes of WebAssembly, where the standard library's unstable
/// sort (with ties broken by index) was 12 KB of it. The comparisons, each an indirect call, cost the same.
#[inline(never)]
fn sorted_indices(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = vec![0; n];
    let mut width = 1usize;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = lo.saturating_add(width).min(n);
            let hi = mid.saturating_add(width).min(n);
            if let (Some(a), Some(b), Some(out)) =
                (idx.get(lo..mid), idx.get(mid..hi), merged.get_mut(lo..hi))
            {
                merge(a, b, out, compare);
            }
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut merged);
        width = width.saturating_mul(2);
    }
    idx
}

/// Merges the sorted runs `a` and `b` into `out` (as long as both), taking from `a` on ties.
fn merge(a: &[usize], b: &[usize], out: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    for slot in out.iter_mut() {
        let next = match (a.peek(), b.peek()) {
            (Some(&&x), Some(&&y)) if compare(x, y) == Ordering::Greater => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        if let Some(&i) = next {
            *slot = i;
        }
    }
}

/// Moves the elements of `v` so that position `k` holds what was at `order[k]`, following each cycle of the
/// permutation once (no copies of `T`, no allocation).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at) {
            if let Some(slot) = order.get_mut(at) {
                *slot = at;
            }
            if from == start || from >= v.len() {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ties_keep_input_order() {
        let mut v = vec![("b", 2), ("a", 2), ("c", 1)];
        sort_by(&mut v, |x, y| x.1.cmp(&y.1));
        assert_eq!(v, [("c", 1), ("b", 2), ("a", 2)]);
    }

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..400)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = v;
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn keys_and_natural_order() {
        let mut v = vec![3, 1, 2, 1];
        sort(&mut v);
        assert_eq!(v, [1, 1, 2, 3]);
        let mut w = vec!["ccc", "a", "bb"];
        sort_by_key(&mut w, |s| std::cmp::Reverse(s.len()));
        assert_eq!(w, ["ccc", "bb", "a"]);
    }
}
