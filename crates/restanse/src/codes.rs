//! The stable vocabulary of `DESIGN.md`: signal, action, severity, band and channel codes.
//!
//! User interfaces, exports and tests key on these strings; they never change meaning. Each enum
//! serialises as its snake_case code and lists its variants in `ALL` in the order reports use.

use serde::Serialize;

macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        $crate::json_fields::deserialize_unit_enum!($name { $($variant => $code),+ });

        impl $name {
            /// Every code, in the canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable string code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a stable string code.
            pub fn from_code(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::json_fields::ReadJson for $name {
            #[inline(never)]
            fn read(
                v: &serde_json::Value,
                at: &$crate::json_fields::At<'_>,
            ) -> Result<$name, $crate::json_fields::ReadError> {
                let code = <String as $crate::json_fields::ReadJson>::read(v, at)?;
                $name::from_code(&code).ok_or_else(|| {
                    $crate::json_fields::unknown_variant(at, &code, &[$($code),+])
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes!(
    /// A named risk flag.
    SignalCode {
        UnpaidInstalments => "unpaid_instalments",
        MandateInactive => "mandate_inactive",
        NoAvtalegiro => "no_avtalegiro",
        Latent => "latent",
        PlanBreached => "plan_breached",
        BilledDuringHold => "billed_during_hold",
        PaidButBlocked => "paid_but_blocked",
        BindingEnded => "binding_ended",
        TimeBarred => "time_barred",
        ObjectionOpen => "objection_open",
        Hardship => "hardship",
        PromiseBroken => "promise_broken",
    }
);

codes!(
    /// A suggested action for the front desk or back office.
    ActionCode {
        OfferAvtalegiro => "offer_avtalegiro",
        FollowUpMandate => "follow_up_mandate",
        SendSmsReminder => "send_sms_reminder",
        SendReminder => "send_reminder",
        SendCollectionNotice => "send_collection_notice",
        HandOverToCollection => "hand_over_to_collection",
        CallMember => "call_member",
        ProposePaymentPlan => "propose_payment_plan",
        OfferFreeze => "offer_freeze",
        ClarifyMembership => "clarify_membership",
        Reactivate => "reactivate",
        CancelAfterBinding => "cancel_after_binding",
        RestoreAccess => "restore_access",
        CorrectHoldBilling => "correct_hold_billing",
        RefundFee => "refund_fee",
        WriteOff => "write_off",
        AnswerObjection => "answer_objection",
    }
);

codes!(
    /// How serious a signal is.
    Severity {
        Info => "info",
        Warning => "warning",
        Critical => "critical",
    }
);

codes!(
    /// The risk band a member falls in.
    Band {
        Low => "low",
        Watch => "watch",
        High => "high",
        Critical => "critical",
    }
);

codes!(
    /// How an action reaches the member (or who does it).
    Channel {
        Sms => "sms",
        Email => "email",
        Letter => "letter",
        Phone => "phone",
        Desk => "desk",
        Agency => "agency",
    }
);
