//! Explanations of computed amounts: a message code and its arguments, which the edges translate
//! into a sentence a clerk can read aloud ("4 persons × 70 MCI × 3 692 ₸ = 1 033 760 ₸").
//!
//! # Design
//! Amounts in the arguments are already formatted ([`crate::money::Tiyn::format_tenge`],
//! [`MciHundredths::format_number`]): the digits read the same in Kazakh, Russian and English, and
//! the messages only add words and units. Counts (`members`, `percent`) stay plain numbers so
//! the messages can choose plural forms.

use crate::money::{MciHundredths, Tiyn};
use crate::subsidy::rules::SettlementType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why an amount is what it is: a message id of `subsidy.ftl` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The message id (`subsidy-explain-per-member`, …).
    pub code: String,
    /// The message's arguments, formatted.
    pub args: BTreeMap<String, String>,
}

/// The one MCI value an amount was computed with, shown as tenge.
fn tenge(mci_tenge: i64) -> String {
    crate::money::format_whole_tenge(mci_tenge)
}

impl Explanation {
    fn new(code: &str, args: &[(&str, String)]) -> Explanation {
        Explanation {
            code: code.to_string(),
            args: args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    /// "4 persons × 70 MCI × 3 692 ₸ = 1 033 760 ₸".
    pub fn per_member(members: u32, each: MciHundredths, mci_tenge: i64, amount: Tiyn) -> Self {
        Explanation::new(
            "subsidy-explain-per-member",
            &[
                ("members", members.to_string()),
                ("mci", each.format_number()),
                ("mci_tenge", tenge(mci_tenge)),
                ("amount", amount.format_tenge()),
            ],
        )
    }

    /// "400 MCI × 3 692 ₸ = 1 476 800 ₸".
    pub fn per_family(amount_mci: MciHundredths, mci_tenge: i64, amount: Tiyn) -> Self {
        Explanation::new(
            "subsidy-explain-per-family",
            &[
                ("mci", amount_mci.format_number()),
                ("mci_tenge", tenge(mci_tenge)),
                ("amount", amount.format_tenge()),
            ],
        )
    }

    /// "town, 4 persons: 30 MCI × 4 325 ₸ = 129 750 ₸".
    pub fn tier(
        settlement: SettlementType,
        members: u32,
        amount_mci: MciHundredths,
        mci_tenge: i64,
        amount: Tiyn,
    ) -> Self {
        Explanation::new(
            "subsidy-explain-tier",
            &[
                ("settlement", settlement.as_str().to_string()),
                ("members", members.to_string()),
                ("mci", amount_mci.format_number()),
                ("mci_tenge", tenge(mci_tenge)),
                ("amount", amount.format_tenge()),
            ],
        )
    }

    /// "50% × 8 000 000 ₸ = 4 000 000 ₸ (at most 1 160 MCI × 3 692 ₸ = 4 282 720 ₸)", or, when
    /// the share reaches the cap, the cap is paid and the message says so.
    #[allow(clippy::too_many_arguments)]
    pub fn share(
        percent: u32,
        cost: Tiyn,
        share: Tiyn,
        cap_mci: Option<MciHundredths>,
        mci_tenge: i64,
        cap: Option<Tiyn>,
        amount: Tiyn,
    ) -> Self {
        let capped = cap.is_some_and(|c| share >= c);
        let code = match (cap_mci, capped) {
            (None, _) => "subsidy-explain-share-uncapped",
            (Some(_), false) => "subsidy-explain-share",
            (Some(_), true) => "subsidy-explain-share-capped",
        };
        let mut args = vec![
            ("percent", percent.to_string()),
            ("cost", cost.format_tenge()),
            ("share", share.format_tenge()),
            ("amount", amount.format_tenge()),
        ];
        if let (Some(cap_mci), Some(cap)) = (cap_mci, cap) {
            args.push(("cap_mci", cap_mci.format_number()));
            args.push(("mci_tenge", tenge(mci_tenge)));
            args.push(("cap", cap.format_tenge()));
        }
        Explanation::new(code, &args)
    }
}
