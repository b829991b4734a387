//! The typed form of a spec file, as the loader produces it.

/// One spec file: the error vocabulary of one API surface.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Spec {
    /// The file name the spec came from, used in error messages (`apns.json`).
    pub file: String,
    /// The Rust module the generated code is meant for (`apns`).
    pub module: String,
    /// A human name for the API surface (`APNs device push`).
    pub title: String,
    /// The title of Apple's page the facts come from.
    pub page: String,
    /// The address of that page, when the file gives it.
    pub page_url: Option<String>,
    /// Name of the generated enum of wire values (`Reason`).
    pub value_type: String,
    /// Whether the wire values are strings (`"BadTopic"`) or whole numbers
    /// (`4040010`).
    pub wire_type: WireType,
    /// What one value is called in prose and error messages (`APNs reason`).
    pub value_noun: String,
    /// Doc comment of the generated value enum.
    pub value_doc: String,
    /// The status table, when the surface has HTTP statuses.
    pub statuses: Option<StatusTable>,
    /// The operations of the surface and their success statuses, when the
    /// success status depends on the request.
    pub operations: Option<OperationTable>,
    /// For hierarchical codes (`ENTITY_ERROR.ATTRIBUTE.INVALID`): the
    /// character between levels.
    pub hierarchy_separator: Option<char>,
    /// Named lists of delays (Apple's resend schedules), in file order.
    pub schedules: Vec<Schedule>,
    /// Every wire value, in file order.
    pub values: Vec<Entry>,
}

/// The requests of a surface, each with the status that means success.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperationTable {
    /// Name of the generated operation enum (`Operation`).
    pub type_name: String,
    /// Doc comment of the generated enum.
    pub doc: String,
    /// Every operation, in file order.
    pub entries: Vec<Operation>,
    /// What to do when a request gets the success status of another
    /// operation: it may have taken effect.
    pub unexpected_success: Rule,
}

/// One request type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The Rust variant name (`CreateChannel`).
    pub name: String,
    /// The HTTP method (`POST`).
    pub method: String,
    /// The path template (`/1/apps/{bundleId}/channels`).
    pub path: String,
    /// The status that means the request succeeded.
    pub success: u16,
    /// What the request does.
    pub description: String,
}

/// A named list of delays, emitted as a `Duration` slice constant.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Schedule {
    /// The constant's name (`V2_RESEND_DELAYS`).
    pub name: String,
    /// Doc comment of the constant.
    pub doc: String,
    /// The delays, in seconds, in order.
    pub delays_secs: Vec<u64>,
    /// Apple's page the schedule comes from.
    pub page: String,
    /// The address of that page, when the file gives it.
    pub page_url: Option<String>,
}

/// The HTTP statuses of a surface, and the rules for statuses it does not list.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusTable {
    /// Name of the generated status enum (`Status`).
    pub type_name: String,
    /// Doc comment of the generated status enum.
    pub doc: String,
    /// Every documented status, in file order.
    pub entries: Vec<StatusEntry>,
    /// Rules for statuses not in `entries`, by class.
    pub fallback: Fallback,
    /// Whether every value names the status it comes with. Hierarchical
    /// codes that appear under several statuses do not.
    pub values_have_status: bool,
}

/// One documented HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusEntry {
    /// The numeric status.
    pub code: u16,
    /// The Rust variant name (`BadRequest`).
    pub name: String,
    /// Whether the status means the request succeeded.
    pub success: bool,
    /// What the status means, in our words.
    pub description: String,
    /// What to do about it.
    pub retry: Retry,
    /// What the caller should change.
    pub remedy: String,
    /// Extra facts that apply.
    pub flags: Vec<Flag>,
}

/// What to do with a status the table does not list, by its class.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fallback {
    /// Any other 4xx.
    pub client_error: Rule,
    /// Any other 5xx.
    pub server_error: Rule,
    /// Anything else that is not a listed status.
    pub other: Rule,
}

/// A retry policy with its remedy, for statuses without an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// What to do about it.
    pub retry: Retry,
    /// What the caller should change.
    pub remedy: String,
}

/// One wire value (an APNs reason, a send-attempt result, …).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The exact value on the wire; for [`WireType::Integer`], the number in
    /// decimal, as it is written in a body.
    pub wire: String,
    /// The Rust variant name: given in the file, or derived from `wire`.
    pub name: String,
    /// Other spellings the service is known to send for the same value.
    pub aliases: Vec<String>,
    /// The HTTP status the value comes with, when the surface has statuses.
    pub status: Option<u16>,
    /// What the value means, in our words.
    pub description: String,
    /// What to do about it.
    pub retry: Retry,
    /// What the caller should change.
    pub remedy: String,
    /// Extra facts that apply.
    pub flags: Vec<Flag>,
    /// The flags, among `flags`, that are our reading of Apple's guidance
    /// rather than Apple's statement.
    pub inferred_flags: Vec<Flag>,
    /// Apple's page for this entry, when it is not the file's page.
    pub page: Option<String>,
    /// The address of the entry's own `page`, when the file gives it.
    pub page_url: Option<String>,
    /// For numeric codes: other names the same number is known by, besides
    /// `name` (Apple's).
    pub other_names: Vec<String>,
    /// Where the value is known from, when the file says.
    pub provenance: Option<Provenance>,
    /// Why Apple deprecated the value, or what replaces it.
    pub deprecated: Option<String>,
    /// The API version that added the value.
    pub since: Option<String>,
}

/// A retry rule as the spec states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// The kind of retry.
    pub action: RetryAction,
    /// The least delay before the retry, in seconds, where Apple gives one.
    pub min_delay_secs: Option<u64>,
    /// For `reuse_provider_token`: the least age of a provider token before
    /// it may be replaced, in seconds.
    pub token_min_age_secs: Option<u64>,
    /// What to do with the device token (or channel) the request went to.
    pub token: TokenAction,
    /// The action is our reading of Apple's guidance, not Apple's statement.
    pub inferred: bool,
    /// The token action is our reading, not Apple's statement.
    pub token_inferred: bool,
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every keyword, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The keyword used in spec files.
            pub const fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)* }
            }

            /// The variant for a spec-file keyword.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some(Self::$variant),)* _ => None }
            }

            /// The name of the matching variant in the runtime crate.
            pub const fn variant(self) -> &'static str {
                match self { $(Self::$variant => stringify!($variant),)* }
            }
        }
    };
}

keyword_enum! {
    /// What the wire values of a spec are.
    WireType {
        /// Strings, such as APNs reasons.
        String = "string",
        /// Whole numbers, such as App Store Server API error codes.
        Integer = "integer",
    }
}

keyword_enum! {
    /// Where a value is known from.
    Provenance {
        /// Apple's own libraries carry it (and usually Apple's pages).
        AppleLibraries = "apple_libraries",
        /// Apple's pages only.
        AppleDocs = "apple_docs",
        /// The number comes from a third-party library: less certain.
        PeerLibrary = "peer_library",
    }
}

keyword_enum! {
    /// The kinds of retry the runtime `RetryAction` can express.
    RetryAction {
        /// Do not send the request again.
        Never = "never",
        /// Fix the request, then send it again.
        AfterFix = "after_fix",
        /// Sign a new provider token, then send again.
        NewProviderToken = "new_provider_token",
        /// Send again on a new connection.
        NewConnection = "new_connection",
        /// Send again after a delay.
        AfterDelay = "after_delay",
        /// Send again after at least `min_delay_secs`, backing off.
        BackOff = "back_off",
        /// Send again with the current provider token; replace it only once it
        /// is `token_min_age_secs` old.
        ReuseProviderToken = "reuse_provider_token",
        /// Send the same request to the other environment (sandbox instead of
        /// production, or the reverse).
        OtherEnvironment = "other_environment",
    }
}

keyword_enum! {
    /// What to do with the device token (or channel) a request went to.
    TokenAction {
        /// The token is fine.
        Keep = "keep",
        /// The token is dead: stop sending to it.
        Drop = "drop",
        /// The token may be for the other environment: check before dropping.
        CheckEnvironment = "check_environment",
        /// The token may be for another app: check the topic before dropping.
        CheckTopic = "check_topic",
    }
}

keyword_enum! {
    /// Facts that apply to some entries only.
    Flag {
        /// APNs does not count this response as an error when deciding to
        /// close a connection (410).
        NotAnErrorCondition = "not_an_error_condition",
        /// APNs closes connections that produce many of these sooner than for
        /// other errors.
        ClosesConnectionSooner = "closes_connection_sooner",
        /// Seen from the service but missing from Apple's documentation.
        Undocumented = "undocumented",
        /// The value means success.
        Success = "success",
        /// The request cannot succeed on the connection it was sent on: the
        /// connection is closing, or it is bound to a certificate or signing
        /// key the request cannot use.
        NeedsNewConnection = "needs_new_connection",
        /// The request needs a provider token (JWT) other than the one it
        /// carried.
        NeedsNewProviderToken = "needs_new_provider_token",
    }
}

impl Flag {
    /// The name of the generated query method for this flag.
    pub const fn method(self) -> &'static str {
        match self {
            Self::NotAnErrorCondition => "is_error_condition",
            Self::ClosesConnectionSooner => "closes_connection_sooner",
            Self::Undocumented => "is_undocumented",
            Self::Success => "is_success",
            Self::NeedsNewConnection => "needs_new_connection",
            Self::NeedsNewProviderToken => "needs_new_provider_token",
        }
    }

    /// Whether an entry may mark the flag as our reading (`inferred_flags`):
    /// the connection facts, which Apple states for some values only. The
    /// others are Apple's statements (`not_an_error_condition`,
    /// `closes_connection_sooner`) or no claim about Apple's rules at all.
    pub const fn can_be_inferred(self) -> bool {
        matches!(self, Self::NeedsNewConnection | Self::NeedsNewProviderToken)
    }

    /// The fact in a few words, for the docs of a value that has the flag,
    /// where [`Flag::can_be_inferred`].
    pub const fn fact(self) -> Option<&'static str> {
        match self {
            Self::NeedsNewConnection => Some("needs a new connection"),
            Self::NeedsNewProviderToken => Some("needs a new provider token"),
            _ => None,
        }
    }

    /// Whether the generated method returns `true` when the flag is absent.
    pub const fn negated(self) -> bool {
        matches!(self, Self::NotAnErrorCondition)
    }

    /// Doc comment of the generated query method.
    pub const fn method_doc(self) -> &'static str {
        match self {
            Self::NotAnErrorCondition => {
                "Whether APNs counts this response against the connection when deciding to close \
                 it: every error does except 410, which only reports a dead token."
            }
            Self::ClosesConnectionSooner => {
                "Whether a connection that keeps producing this error is closed sooner than for \
                 other errors, so senders should stop repeating it quickly."
            }
            Self::Undocumented => {
                "Whether the value is missing from Apple's documentation and known only from \
                 what the service has been seen to send."
            }
            Self::Success => "Whether the value means success.",
            Self::NeedsNewConnection => {
                "Whether the request cannot succeed on the connection it was sent on, because \
                 the connection is closing or is bound to a certificate or signing key the \
                 request cannot use: send it, once fixed, on a new connection."
            }
            Self::NeedsNewProviderToken => {
                "Whether the request needs a provider token (JWT) other than the one it carried: \
                 a newly signed one, or a correctly signed one."
            }
        }
    }
}
