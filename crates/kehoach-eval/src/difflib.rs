//! `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()` from
//! CPython 3.11, over Unicode code points.
//!
//! With no junk function and autojunk off, nothing in `b` is junk or
//! "popular", so `b2j` indexes every element of `b`. The matching blocks are
//! found exactly like CPython: `find_longest_match` keeps the earliest longest
//! block (first in `a`, then first in `b`), and `get_matching_blocks`
//! recurses on the pieces left and right of it. The order in which matches
//! are found decides which characters can still match later, so the ratio is
//! not the longest-common-subsequence ratio; porting the exact algorithm is
//! what makes the numbers equal.

use std::collections::HashMap;

/// `SequenceMatcher(None, a, b, autojunk=False).ratio()`.
pub(crate) fn ratio(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        // difflib's _calculate_ratio: 1.0 when both sequences are empty.
        return 1.0;
    }
    let m = Matcher::new(a, b).matching_chars();
    2.0 * m as f64 / total as f64
}

/// `real_quick_ratio()`: an upper bound of `ratio()` computed the same way,
/// so `upper_bound(a, b) < need` proves `ratio(a, b) < need`.
pub(crate) fn upper_bound(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * a.len().min(b.len()) as f64 / total as f64
}

struct Matcher<'s> {
    a: &'s [char],
    b: &'s [char],
    /// element of b -> indices where it occurs, increasing.
    b2j: HashMap<char, Vec<usize>>,
}

impl<'s> Matcher<'s> {
    fn new(a: &'s [char], b: &'s [char]) -> Self {
        let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, &c) in b.iter().enumerate() {
            b2j.entry(c).or_default().push(i);
        }
        Matcher { a, b, b2j }
    }

    /// `find_longest_match(alo, ahi, blo, bhi)` -> (i, j, k).
    fn find_longest_match(
        &self,
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let (a, b) = (self.a, self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        // j2len[j] = length of the match ending at a[i-1], b[j]. Stored at
        // index j + 1 so that "j - 1" for j == 0 reads the always-zero slot 0.
        let mut prev = vec![0usize; b.len() + 1];
        let mut cur = vec![0usize; b.len() + 1];
        let mut prev_set: Vec<usize> = Vec::new();
        let mut cur_set: Vec<usize> = Vec::new();
        for (i, ai) in (alo..ahi).zip(&a[alo..ahi]) {
            if let Some(js) = self.b2j.get(ai) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = prev[j] + 1; // j2len.get(j - 1, 0) + 1
                    cur[j + 1] = k;
                    cur_set.push(j + 1);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            // j2len = newj2len
            for &t in &prev_set {
                prev[t] = 0;
            }
            prev_set.clear();
            std::mem::swap(&mut prev, &mut cur);
            std::mem::swap(&mut prev_set, &mut cur_set);
        }
        // Extension over non-junk neighbours (CPython does it unconditionally;
        // with no junk the block found above is already maximal).
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        // The two junk-extension loops of CPython never run: nothing is junk.
        (besti, bestj, bestsize)
    }

    /// Sum of the sizes of `get_matching_blocks()`.
    fn matching_chars(&self) -> usize {
        let mut queue = vec![(0, self.a.len(), 0, self.b.len())];
        let mut total = 0;
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                total += k;
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold_str;

    fn r(a: &str, b: &str) -> f64 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        ratio(&a, &b)
    }

    /// Raw `SequenceMatcher(None, a, b, autojunk=False).ratio()` from python3.
    #[test]
    fn ratio_matches_difflib() {
        let cases: &[(&str, &str, f64)] = &[
            ("", "", 1.0),
            ("abc", "", 0.0),
            ("abcd", "bcde", 0.75),
            ("abxcd", "cdxab", 0.4),
            // Longest-block-first is not LCS: LCS("abcab", "aaaaab") = 3
            // ("aab"), difflib takes the block "ab" at a[3..], b[4..] first and
            // then finds only one more "a" to its left.
            ("abcab", "aaaaab", 0.36363636363636365),
            ("aabba", "abaacc", 0.36363636363636365),
            ("aaaab", "baaaa", 0.8),
            ("abababab", "babababa", 0.875),
            ("aabbaabb", "abababab", 0.75),
            ("xyzabcxyzabc", "abcxyzabcxyz", 0.75),
            ("tyrannosaurus", "tyranosaurus", 0.96),
            ("ab ab ab ab ab ab", "ba ba ba ba ba ba", 0.5294117647058824),
        ];
        for (a, b, want) in cases {
            assert_eq!(r(a, b), *want, "ratio({a:?}, {b:?})");
        }
    }

    /// score.py `ratio(a, b)` (fold first, then difflib) from python3.
    #[test]
    fn folded_ratio_matches_score_py() {
        let f = |a: &str, b: &str| r(&fold_str(a), &fold_str(b));
        let cases: &[(&str, &str, f64)] = &[
            (
                "Phòng Văn hóa - Xã hội",
                "Phòng Văn hoá – Xã hội",
                0.9333333333333333,
            ),
            (
                "Ủy ban nhân dân xã",
                "Uỷ ban nhân dân xã",
                0.9166666666666666,
            ),
            (
                "Tỷ lệ phủ sóng 5G trong khu trung tâm trên địa bàn xã.",
                "Tỉ lệ phủ sóng 5G khu trung tâm trên địa bàn xã",
                0.9333333333333333,
            ),
            (
                "Kiện toàn Ban Chỉ đạo",
                "Kiện toàn Ban chỉ đạo, Tổ giúp việc",
                0.7317073170731707,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(f(a, b), *want, "ratio({a:?}, {b:?})");
        }
    }

    #[test]
    fn upper_bound_bounds() {
        let a: Vec<char> = "aaaab".chars().collect();
        let b: Vec<char> = "baaaa".chars().collect();
        assert!(upper_bound(&a, &b) >= ratio(&a, &b));
    }
}
