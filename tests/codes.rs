//! The natural order of item codes, held to a plain statement of it: segment by segment,
//! numbers by value (`1.2` before `1.10`), digits before letters, a prefix first, and the
//! text itself last (so that `01` and `1` are ordered, and only equal codes are equal).

use par_index::Code;
use proptest::prelude::*;
use std::cmp::Ordering;

fn reference(a: &str, b: &str) -> Ordering {
    let seg = |x: &str, y: &str| {
        let num = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
        match (num(x), num(y)) {
            (true, true) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => x.cmp(y),
        }
    };
    let (xs, ys): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    for (x, y) in xs.iter().zip(&ys) {
        match seg(x, y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    xs.len().cmp(&ys.len()).then_with(|| a.cmp(b))
}

fn code() -> impl Strategy<Value = String> {
    "[0-9]{1,3}|[0-9A-Za-z]{1,2}".prop_flat_map(|first| {
        prop::collection::vec("0{0,2}[0-9]{1,2}|[A-Za-z][0-9A-Za-z]?|[0-9][A-Za-z]", 0..4).prop_map(
            move |rest| {
                std::iter::once(first.clone())
                    .chain(rest)
                    .collect::<Vec<_>>()
                    .join(".")
            },
        )
    })
}

proptest! {
    #[test]
    fn codes_order_naturally(a in code(), b in code()) {
        let (ca, cb) = (a.parse::<Code>().unwrap(), b.parse::<Code>().unwrap());
        prop_assert_eq!(ca.cmp(&cb), reference(&a, &b), "{} vs {}", a, b);
        prop_assert_eq!(cb.cmp(&ca), reference(&b, &a));
        prop_assert_eq!(ca == cb, a == b);
    }
}

#[test]
fn examples_of_the_order() {
    let mut codes: Vec<Code> = [
        "1.10", "1.2", "S.1", "8", "1", "1.1.1", "01", "1.1", "3.2.10", "3.2.9",
    ]
    .iter()
    .map(|c| c.parse().unwrap())
    .collect();
    codes.sort();
    let shown: Vec<&str> = codes.iter().map(Code::as_str).collect();
    assert_eq!(
        shown,
        [
            "01", "1", "1.1", "1.1.1", "1.2", "1.10", "3.2.9", "3.2.10", "8", "S.1"
        ]
    );
}
