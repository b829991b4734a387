//! App Store Connect API: the generated tables against
//! `spec/app_store_connect.json` and Apple's documentation, error-response
//! parsing, code families and the rate-limit header.

use crate::common::{Value, check_statuses, check_values, spec, strings};
use apple_errors::AppleError;
use apple_errors::app_store_connect::{
    ErrorCode, ErrorCodeFamily, ErrorResponse, RateLimit, RateLimitError, Rejection, Response,
    Source, Status,
};
use apple_errors::body::{BodyError, ParseError};
use apple_errors::retry::RetryAction;

#[test]
fn every_code_matches_its_spec_entry() {
    check_values!(
        ErrorCodeFamily,
        &spec("app_store_connect.json"),
        |code: ErrorCodeFamily, entry: &Value| {
            assert!(entry.get("status").is_none(), "codes carry no status");
            let flags = strings(entry, "flags");
            assert!(
                flags.iter().all(|f| *f == "undocumented"),
                "untested flag in {flags:?}"
            );
            assert_eq!(code.is_undocumented(), flags.contains(&"undocumented"));
            assert!(
                code.retry().is_inferred(),
                "{code:?}: Apple gives rules per status only"
            );
        }
    );
}

#[test]
fn every_status_matches_its_spec_entry() {
    check_statuses!(Status, &spec("app_store_connect.json"));
}

#[test]
fn the_statuses_are_apples() {
    let codes: Vec<u16> = Status::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        codes,
        [
            200, 201, 202, 204, 400, 401, 403, 404, 405, 406, 408, 409, 410, 415, 422, 429, 500
        ]
    );
    assert!(
        Status::RequestTimeout
            .description()
            .contains("proxy or load balancer"),
        "408 is an intermediary's, not Apple's"
    );
    let success: Vec<u16> = Status::ALL
        .iter()
        .filter(|s| s.is_success())
        .map(|s| s.code())
        .collect();
    assert_eq!(success, [200, 201, 202, 204]);
    assert_eq!(
        Status::TooManyRequests.retry().action(),
        RetryAction::AfterDelay
    );
    assert_eq!(
        Status::InternalServerError.retry().action(),
        RetryAction::BackOff
    );
    assert_eq!(Status::Gone.retry().action(), RetryAction::Never);
    for status in [400, 403, 404, 405, 406, 409, 415, 422] {
        let s = Status::from_code(status).unwrap();
        assert_eq!(s.retry().action(), RetryAction::AfterFix, "{status}");
    }
    assert_eq!(
        Status::RequestTimeout.retry().action(),
        RetryAction::AfterDelay
    );
}

#[test]
fn apple_gives_retry_guidance_for_429_only() {
    assert!(!Status::TooManyRequests.retry().is_inferred());
    for status in Status::ALL.iter().filter(|s| !s.is_success()) {
        if *status != Status::TooManyRequests {
            assert!(status.retry().is_inferred(), "{status:?}");
        }
    }
    // The class rules for statuses the table does not list are ours too.
    for code in [0, 302, 402, 418, 451, 501, 503, 599, 600] {
        assert_eq!(Status::from_code(code), None, "{code}");
        assert!(Status::retry_for_unlisted(code).is_inferred(), "{code}");
    }
}

#[test]
fn the_entity_codes_say_what_apple_says() {
    // "Parsing the Error Response Code": 400 for a body that is not JSON or
    // has the wrong type, 422 for JSON in the wrong format.
    let invalid = ErrorCodeFamily::EntityInvalid.description();
    assert!(
        invalid.contains("400") && invalid.contains("JSON") && invalid.contains("wrong JSON type"),
        "{invalid}"
    );
    let unprocessable = ErrorCodeFamily::EntityUnprocessable.description();
    assert!(
        unprocessable.contains("422") && unprocessable.contains("is valid JSON"),
        "{unprocessable}"
    );
}

#[test]
fn the_code_families_are_apples() {
    let documented: Vec<&str> = ErrorCodeFamily::ALL
        .iter()
        .filter(|c| !c.is_undocumented())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        documented,
        [
            "PARAMETER_ERROR",
            "PARAMETER_ERROR.ILLEGAL",
            "PARAMETER_ERROR.INVALID",
            "PARAMETER_ERROR.REQUIRED",
            "ENTITY_INVALID",
            "ENTITY_ERROR",
            "ENTITY_ERROR.ATTRIBUTE.INVALID",
            "ENTITY_UNPROCESSABLE",
            "PATH_ERROR",
            "NOT_FOUND",
            "FORBIDDEN_ERROR",
            "METHOD_NOT_ALLOWED",
            "RATE_LIMIT_EXCEEDED",
        ]
    );
    let seen: Vec<&str> = ErrorCodeFamily::ALL
        .iter()
        .filter(|c| c.is_undocumented())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        seen,
        [
            "ENTITY_ERROR.ATTRIBUTE.REQUIRED",
            "ENTITY_ERROR.RELATIONSHIP.INVALID",
            "ENTITY_ERROR.INCLUDED.INVALID_ID",
            "NOT_AUTHORIZED",
            "STATE_ERROR",
            "FORBIDDEN",
            "FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED",
            "UNEXPECTED_ERROR"
        ]
    );
}

#[test]
fn families_are_found_by_prefix_for_any_code() {
    for (code, family) in [
        (
            "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
            Some(ErrorCodeFamily::EntityErrorAttributeInvalid),
        ),
        (
            "ENTITY_ERROR.ATTRIBUTE.INVALID",
            Some(ErrorCodeFamily::EntityErrorAttributeInvalid),
        ),
        (
            "ENTITY_ERROR.ATTRIBUTE.UNKNOWN",
            Some(ErrorCodeFamily::EntityError),
        ),
        ("ENTITY_ERROR", Some(ErrorCodeFamily::EntityError)),
        (
            "PARAMETER_ERROR.INVALID.DATE",
            Some(ErrorCodeFamily::ParameterErrorInvalid),
        ),
        (
            "STATE_ERROR.ENTITY_STATE_INVALID",
            Some(ErrorCodeFamily::StateError),
        ),
        ("FORBIDDEN", Some(ErrorCodeFamily::Forbidden)),
        ("FORBIDDEN.SOMETHING_NEW", Some(ErrorCodeFamily::Forbidden)),
        (
            "FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED",
            Some(ErrorCodeFamily::ForbiddenRequiredAgreementsMissingOrExpired),
        ),
        ("FORBIDDEN_ERROR", Some(ErrorCodeFamily::ForbiddenError)),
        ("ENTITY_ERRORS", None),
        ("ENTITY", None),
        ("BRAND_NEW.THING", None),
        ("", None),
        (".", None),
        ("ENTITY_ERROR.", Some(ErrorCodeFamily::EntityError)),
    ] {
        assert_eq!(ErrorCodeFamily::family_of(code), family, "{code:?}");
        assert_eq!(ErrorCode::new(code).family(), family, "{code:?}");
    }
}

#[test]
fn code_prefixes_respect_levels() {
    let code = ErrorCode::new("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG");
    assert!(code.starts_with("ENTITY_ERROR"));
    assert!(code.starts_with("ENTITY_ERROR.ATTRIBUTE"));
    assert!(code.starts_with("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG"));
    assert!(!code.starts_with("ENTITY_ERR"));
    assert!(!code.starts_with("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO"));
    assert!(code.is(ErrorCodeFamily::EntityError));
    assert!(!code.is(ErrorCodeFamily::EntityInvalid));
    assert_eq!(
        code.levels().collect::<Vec<_>>(),
        ["ENTITY_ERROR", "ATTRIBUTE", "INVALID", "TOO_LONG"]
    );
    assert_eq!(code.to_string(), "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG");
}

const FULL: &[u8] = br#"{
  "errors": [
    {
      "id": "4c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11",
      "status": "409",
      "code": "ENTITY_ERROR.ATTRIBUTE.INVALID",
      "title": "An attribute value is invalid.",
      "detail": "The value of 'versionString' is not valid.",
      "source": {"pointer": "/data/attributes/versionString"},
      "links": {"about": "https://developer.apple.com/documentation/appstoreconnectapi", "see": 1},
      "meta": {
        "associatedErrors": {
          "/v1/appStoreVersions/123": [
            {"status": 409, "code": "STATE_ERROR.ENTITY_STATE_INVALID", "title": "Nested",
             "meta": {"associatedErrors": {"/v1/builds/9": [{"status": "422", "code": "ENTITY_UNPROCESSABLE", "title": "Deeper"}]}}}
          ]
        },
        "somethingElse": {"x": [1, 2, 3]}
      },
      "futureField": true
    },
    {"status": "400", "code": "PARAMETER_ERROR.INVALID", "title": "A parameter has an invalid value", "source": {"parameter": "filter[platform]"}}
  ],
  "unknown": null
}"#;

#[test]
fn an_error_response_is_read_in_full() {
    let response = ErrorResponse::parse(FULL).unwrap();
    let [first, second] = response.errors() else {
        panic!("two errors")
    };
    assert_eq!(first.id(), Some("4c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11"));
    assert_eq!(first.status(), Some(409));
    assert_eq!(first.code().as_str(), "ENTITY_ERROR.ATTRIBUTE.INVALID");
    assert_eq!(first.title(), Some("An attribute value is invalid."));
    assert_eq!(
        first.detail(),
        Some("The value of 'versionString' is not valid.")
    );
    assert_eq!(
        first.source(),
        Some(&Source::Pointer("/data/attributes/versionString".into()))
    );
    assert_eq!(
        first.about(),
        Some("https://developer.apple.com/documentation/appstoreconnectapi")
    );
    let [(path, nested)] = first.associated_errors() else {
        panic!("one associated path")
    };
    assert_eq!(path, "/v1/appStoreVersions/123");
    assert_eq!(
        nested[0].status(),
        Some(409),
        "a numeric status is accepted"
    );
    assert_eq!(nested[0].code().family(), Some(ErrorCodeFamily::StateError));
    let deeper = &nested[0].associated_errors()[0].1[0];
    assert_eq!(
        deeper.code().family(),
        Some(ErrorCodeFamily::EntityUnprocessable)
    );
    assert_eq!(second.detail(), None, "detail may be missing");
    assert_eq!(
        second.source(),
        Some(&Source::Parameter("filter[platform]".into()))
    );
    assert_eq!(
        second.to_string(),
        "400 PARAMETER_ERROR.INVALID: A parameter has an invalid value"
    );
}

/// Asserts that `ErrorResponse::parse` refuses each body with a field
/// error at `path`.
fn strict_parse_fails_at(cases: &[(&[u8], &str, &'static str)]) {
    for &(body, path, expected) in cases {
        assert_eq!(
            ErrorResponse::parse(body),
            Err(ParseError::Field {
                path: path.into(),
                expected
            }),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn missing_and_mistyped_members_name_their_path() {
    let cases: [(&[u8], &str, &str); 10] = [
        (br#"{}"#, "errors", "an array"),
        (br#"{"errors":[{"status":"+409","code":"X","title":"t"}]}"#, "errors[0].status", "an HTTP status"),
        (br#"{"errors":[{"status":"4090","code":"X","title":"t"}]}"#, "errors[0].status", "an HTTP status"),
        (br#"{"errors":[{"status":99,"code":"X","title":"t"}]}"#, "errors[0].status", "an HTTP status"),
        (br#"{"errors":{}}"#, "errors", "an array"),
        (br#"{"errors":[1]}"#, "errors[0]", "an object"),
        (br#"{"errors":[{"status":"409","title":"t"}]}"#, "errors[0].code", "a value"),
        (br#"{"errors":[{"status":"409","code":7,"title":"t"}]}"#, "errors[0].code", "a string"),
        (br#"{"errors":[{"status":"conflict","code":"X","title":"t"}]}"#, "errors[0].status", "an HTTP status"),
        (
            br#"{"errors":[{"status":"409","code":"X","title":"t","meta":{"associatedErrors":{"/p":[{"code":"Y","title":"t"}]}}}]}"#,
            "errors[0].meta.associatedErrors[0][0].status",
            "a value",
        ),
    ];
    strict_parse_fails_at(&cases);
}

#[test]
fn odd_but_harmless_members_are_ignored() {
    let body = br#"{"errors":[{"status":"404","code":"NOT_FOUND","title":"t","source":"somewhere","links":null,"meta":[]}]}"#;
    let response = ErrorResponse::parse(body).unwrap();
    assert_eq!(response.errors()[0].source(), None);
    assert_eq!(response.errors()[0].about(), None);
}

fn reject(status: u16, body: &[u8]) -> Rejection {
    Response::new(status, body).classify().unwrap_err()
}

#[test]
fn responses_are_classified_by_status() {
    for status in [200, 201, 202, 204, 299] {
        let success = Response::new(status, b"anything").classify().unwrap();
        assert_eq!(success.status(), status);
    }
    assert_eq!(
        Response::new(201, b"").classify().unwrap().known_status(),
        Some(Status::Created)
    );
    let r = reject(409, FULL);
    assert_eq!(r.errors().len(), 2);
    assert_eq!(r.known_status(), Some(Status::Conflict));
    assert_eq!(r.retry(), Status::Conflict.retry());
    assert_eq!(r.raw_code(), Some("ENTITY_ERROR.ATTRIBUTE.INVALID"));
    assert_eq!(r.description(), Some(Status::Conflict.description()));
    assert_eq!(r.body_error(), None);
    assert_eq!(
        r.to_string(),
        "App Store Connect refused the request with status 409 \
         (ENTITY_ERROR.ATTRIBUTE.INVALID \"An attribute value is invalid.\", and 1 more error)"
    );

    let r = reject(429, br#"{"errors":[{"status":"429","code":"RATE_LIMIT_EXCEEDED","title":"The request rate limit has been reached."}]}"#);
    assert_eq!(r.retry().action(), RetryAction::AfterDelay);
}

#[test]
fn unreadable_bodies_keep_the_status_decision() {
    let r = reject(406, b"Not Acceptable");
    assert_eq!(
        r.body_error(),
        Some(&ParseError::Body(BodyError::Syntax { offset: 0 }))
    );
    assert!(r.errors().is_empty());
    assert_eq!(r.retry(), Status::NotAcceptable.retry());
    // The chain: rejection → the body problem, printed once.
    let source = std::error::Error::source(&r).expect("the body problem");
    assert_eq!(
        source.downcast_ref::<ParseError>(),
        Some(&ParseError::Body(BodyError::Syntax { offset: 0 }))
    );
    assert_eq!(source.to_string(), "the body is not JSON (at byte 0)");
    assert!(source.source().is_none(), "transparent: no second link");
    let r = reject(503, b"");
    assert_eq!(r.body_error(), Some(&ParseError::Body(BodyError::Empty)));
    assert_eq!(r.retry().action(), RetryAction::BackOff);
    let r = reject(401, b"\xFF\xFE");
    assert!(matches!(
        r.body_error(),
        Some(ParseError::Body(BodyError::InvalidUtf8 { .. }))
    ));
    assert_eq!(r.retry().action(), RetryAction::NewProviderToken);
}

#[test]
fn rate_limit_headers_are_read_in_any_order() {
    let limit = RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:3599;").unwrap();
    assert_eq!(
        (limit.hour_limit(), limit.hour_remaining()),
        (Some(3600), Some(3599))
    );
    assert_eq!(
        (limit.minute_limit(), limit.minute_remaining()),
        (None, None)
    );
    assert!(!limit.is_exhausted());

    let limit = RateLimit::parse(
        b" user-minute-rem : 0 ; user-hour-rem:10;user-minute-lim:50; user-hour-lim:3600",
    )
    .unwrap();
    assert_eq!(limit.minute_limit(), Some(50));
    assert_eq!(limit.minute_remaining(), Some(0));
    assert_eq!(limit.hour_remaining(), Some(10));
    assert!(limit.is_exhausted());

    let limit = RateLimit::parse(b"user-day-lim:100000;user-hour-lim:1;;").unwrap();
    assert_eq!(limit.hour_limit(), Some(1), "unknown entries are skipped");
    assert_eq!(RateLimit::parse(b""), Err(RateLimitError::Empty));
    assert_eq!(RateLimit::parse(b" ;; ;"), Err(RateLimitError::Empty));
    // Only spaces and tabs are white space in a header.
    assert!(RateLimit::parse("user-hour-lim:\u{3000}1".as_bytes()).is_err());
    let limit = RateLimit::parse(b"\tuser-hour-lim:\t7\t;").unwrap();
    assert_eq!(limit.hour_limit(), Some(7));
}

#[test]
fn broken_rate_limit_headers_are_errors() {
    assert_eq!(
        RateLimit::parse(b"user-hour-lim3600"),
        Err(RateLimitError::Malformed("user-hour-lim3600".into()))
    );
    for bad in [
        "user-hour-lim:-1",
        "user-hour-lim:1.5",
        "user-hour-lim:",
        "user-hour-rem:99999999999999999999999",
    ] {
        assert!(
            matches!(
                RateLimit::parse(bad.as_bytes()),
                Err(RateLimitError::NotANumber(_))
            ),
            "{bad}"
        );
    }
    assert_eq!(
        RateLimit::parse(b"user-hour-lim:\xFF"),
        Err(RateLimitError::NotUtf8)
    );
    let huge = "user-day-lim:1;".repeat(100);
    assert_eq!(
        RateLimit::parse(huge.as_bytes()),
        Err(RateLimitError::TooLong)
    );
}

#[test]
fn one_bad_rate_limit_entry_does_not_hide_the_others() {
    let reading = RateLimit::read(
        b"user-hour-lim:3600; user-hour-rem:lots; junk; user-minute-lim:60; user-minute-rem:59",
    );
    let limit = reading.limit();
    assert_eq!(limit.hour_limit(), Some(3600));
    assert_eq!(limit.hour_remaining(), None, "unreadable");
    assert_eq!(
        (limit.minute_limit(), limit.minute_remaining()),
        (Some(60), Some(59))
    );
    assert_eq!(
        reading.problems(),
        [
            RateLimitError::NotANumber("user-hour-rem:lots".into()),
            RateLimitError::Malformed("junk".into())
        ],
        "each bad entry is reported, in order"
    );
    assert!(!reading.is_complete());
    assert_eq!(
        reading.clone().into_result(),
        Err(RateLimitError::NotANumber("user-hour-rem:lots".into()))
    );
    assert_eq!(
        RateLimit::parse(b"user-hour-lim:3600; user-hour-rem:lots"),
        Err(RateLimitError::NotANumber("user-hour-rem:lots".into())),
        "parse wants all of it"
    );
    // An entry that is not UTF-8 is one bad entry too.
    let reading = RateLimit::read(b"user-hour-lim:\xFF;user-hour-rem:7");
    assert_eq!(reading.limit().hour_remaining(), Some(7));
    assert_eq!(reading.problems(), [RateLimitError::NotUtf8]);
    // A good value reads completely.
    let reading = RateLimit::read(b"user-hour-lim:3600;user-hour-rem:3599;");
    assert!(reading.is_complete());
    assert_eq!(
        reading.into_result(),
        RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:3599;")
    );
}

#[test]
fn joined_rate_limit_lines_are_read_whole() {
    // Two X-Rate-Limit lines combined by an HTTP library (RFC 9110 §5.3).
    let joined = b"user-hour-lim:3600;user-hour-rem:3599;, user-minute-lim:60;user-minute-rem:0;";
    let limit = RateLimit::parse(joined).unwrap();
    assert_eq!(
        (limit.hour_limit(), limit.hour_remaining()),
        (Some(3600), Some(3599))
    );
    assert_eq!(
        (limit.minute_limit(), limit.minute_remaining()),
        (Some(60), Some(0))
    );
    assert!(limit.is_exhausted());
    // Without trailing semicolons, and with a repeated name: the last wins,
    // its problem or lack of one too.
    let limit =
        RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:10,user-hour-lim:3600;user-hour-rem:9")
            .unwrap();
    assert_eq!(limit.hour_remaining(), Some(9));
    assert!(RateLimit::parse(b"user-hour-rem:x, user-hour-rem:9").is_ok());
    let reading = RateLimit::read(b"user-hour-rem:9, user-hour-rem:x");
    assert_eq!(reading.limit().hour_remaining(), None);
    assert_eq!(
        reading.problems(),
        [RateLimitError::NotANumber("user-hour-rem:x".into())]
    );
    assert_eq!(RateLimit::parse(b" , ;, "), Err(RateLimitError::Empty));
}

#[test]
fn a_negative_remaining_count_means_exhausted() {
    // The service has been seen to send this once a quota is overused.
    let limit = RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:-12;").unwrap();
    assert_eq!(limit.hour_remaining(), Some(-12), "kept as sent");
    assert!(limit.is_exhausted());
    let limit = RateLimit::parse(b"user-minute-rem:-1;user-hour-rem:5").unwrap();
    assert_eq!(limit.minute_remaining(), Some(-1));
    assert!(limit.is_exhausted());
    assert!(!RateLimit::parse(b"user-hour-rem:1").unwrap().is_exhausted());
    let extreme = RateLimit::parse(b"user-hour-rem:-9223372036854775808").unwrap();
    assert_eq!(extreme.hour_remaining(), Some(i64::MIN));
    // Limits are counts: a negative one is not a number of requests.
    for bad in [
        "user-hour-lim:-1",
        "user-hour-rem:-",
        "user-hour-rem:--1",
        "user-hour-rem:+1",
        "user-hour-rem:-9223372036854775809",
    ] {
        assert!(
            matches!(
                RateLimit::parse(bad.as_bytes()),
                Err(RateLimitError::NotANumber(_))
            ),
            "{bad}"
        );
    }
}

#[test]
fn classify_keeps_every_error_with_a_code_and_reports_the_first_problem() {
    let body = br#"{"errors":[{"status":"409","code":"ENTITY_ERROR","title":"ok"},{"status":"409","code":"X"},{"status":"400","code":"PARAMETER_ERROR.INVALID","title":"also ok","detail":7}]}"#;
    let r = reject(409, body);
    let codes: Vec<&str> = r.errors().iter().map(|e| e.code().as_str()).collect();
    assert_eq!(codes, ["ENTITY_ERROR", "X", "PARAMETER_ERROR.INVALID"]);
    assert_eq!(r.errors()[1].title(), None, "kept without its title");
    assert_eq!(r.errors()[1].status(), Some(409));
    assert_eq!(
        r.errors()[2].detail(),
        None,
        "a mistyped optional member is dropped"
    );
    assert_eq!(
        r.body_error(),
        Some(&ParseError::Field {
            path: "errors[1].title".into(),
            expected: "a value"
        })
    );
    // The strict parser refuses the same body.
    assert!(ErrorResponse::parse(body).is_err());
}

#[test]
fn errors_without_status_or_title_are_kept_with_what_they_have() {
    let cases: [(&[u8], &str, &str); 5] = [
        (
            br#"{"errors":[{"code":"STATE_ERROR","title":"t"}]}"#,
            "errors[0].status",
            "a value",
        ),
        (
            br#"{"errors":[{"status":"409","code":"STATE_ERROR"}]}"#,
            "errors[0].title",
            "a value",
        ),
        (
            br#"{"errors":[{"code":"STATE_ERROR"}]}"#,
            "errors[0].status",
            "a value",
        ),
        (
            br#"{"errors":[{"status":"4090","code":"STATE_ERROR"}]}"#,
            "errors[0].status",
            "an HTTP status",
        ),
        // Problems of members present come first, then missing members.
        (
            br#"{"errors":[{"status":null,"title":[],"code":"STATE_ERROR"}]}"#,
            "errors[0].title",
            "a string",
        ),
    ];
    for (body, path, expected) in cases {
        let what = String::from_utf8_lossy(body);
        let r = reject(409, body);
        let [error] = r.errors() else {
            panic!("{what}: the error is kept")
        };
        assert_eq!(
            error.code().family(),
            Some(ErrorCodeFamily::StateError),
            "{what}"
        );
        assert_eq!(
            r.body_error(),
            Some(&ParseError::Field {
                path: path.into(),
                expected
            }),
            "{what}: the problem is reported"
        );
        assert_eq!(
            ErrorResponse::parse(body).unwrap_err(),
            *r.body_error().unwrap()
        );
        assert_eq!(r.raw_code(), Some("STATE_ERROR"));
        assert_eq!(
            r.retry(),
            Status::Conflict.retry(),
            "the status still decides"
        );
    }
    let r = reject(409, br#"{"errors":[{"code":"STATE_ERROR","detail":"d"}]}"#);
    let error = &r.errors()[0];
    assert_eq!((error.status(), error.title()), (None, None));
    assert_eq!(error.to_string(), "STATE_ERROR (d)");
    assert_eq!(
        r.to_string(),
        "App Store Connect refused the request with status 409 (STATE_ERROR)"
    );
    // Without a code there is nothing to identify the error by: it is left
    // out, and reported.
    let r = reject(
        409,
        br#"{"errors":[{"status":"409","title":"t"},{"status":"409","code":"X","title":"t"}]}"#,
    );
    assert_eq!(r.errors().len(), 1);
    assert_eq!(
        r.body_error(),
        Some(&ParseError::Field {
            path: "errors[0].code".into(),
            expected: "a value"
        })
    );
}

#[test]
fn a_member_given_twice_counts_once_the_last_one() {
    // Earlier duplicates with the wrong type are no error, at every level:
    // the body reads as serde_json::Value reads it.
    let body = br#"{
      "errors": 5,
      "errors": [{
        "status": 7, "status": "409",
        "code": 1, "code": "ENTITY_ERROR.ATTRIBUTE.INVALID",
        "title": [], "title": "t",
        "detail": {}, "detail": "d",
        "id": false, "id": "i",
        "source": {"pointer": 3, "pointer": "/data/attributes/name"},
        "links": {"about": 1, "about": "https://example.com/a"},
        "meta": {
          "associatedErrors": 1,
          "associatedErrors": {
            "/v1/a": 9,
            "/v1/b": [{"status": "422", "code": "ENTITY_UNPROCESSABLE", "title": "b"}],
            "/v1/a": [{"status": "409", "code": "STATE_ERROR", "title": "a"}]
          }
        }
      }]
    }"#;
    let response = ErrorResponse::parse(body).expect("no problem is left");
    let json: serde_json::Value = serde_json::from_slice(body).unwrap();
    let [error] = response.errors() else {
        panic!("one error")
    };
    let last = &json["errors"][0];
    assert_eq!(
        error.status().map(|s| s.to_string()).as_deref(),
        last["status"].as_str()
    );
    assert_eq!(error.code().as_str(), last["code"].as_str().unwrap());
    assert_eq!(error.title(), last["title"].as_str());
    assert_eq!(error.detail(), last["detail"].as_str());
    assert_eq!(error.id(), last["id"].as_str());
    assert_eq!(
        error.source(),
        Some(&Source::Pointer("/data/attributes/name".into()))
    );
    assert_eq!(error.about(), Some("https://example.com/a"));
    // A request path given twice keeps its first place and its last list.
    let associated: Vec<(&str, Vec<&str>)> = error
        .associated_errors()
        .iter()
        .map(|(path, errors)| {
            (
                path.as_str(),
                errors.iter().map(|e| e.code().as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        associated,
        [
            ("/v1/a", vec!["STATE_ERROR"]),
            ("/v1/b", vec!["ENTITY_UNPROCESSABLE"])
        ]
    );

    // When the last one is the bad one, it is the problem.
    let cases: [(&[u8], &str, &str); 5] = [
        (br#"{"errors":[],"errors":{}}"#, "errors", "an array"),
        (
            br#"{"errors":[{"status":"409","code":"X","title":"t","title":5}]}"#,
            "errors[0].title",
            "a string",
        ),
        (
            br#"{"errors":[{"status":"409","code":"X","title":"t","status":"x"}]}"#,
            "errors[0].status",
            "an HTTP status",
        ),
        (
            br#"{"errors":[{"status":"409","code":"X","title":"t","source":{"pointer":"/a","pointer":1}}]}"#,
            "errors[0].source.pointer",
            "a string",
        ),
        (
            br#"{"errors":[{"status":"409","code":"X","title":"t","meta":{"associatedErrors":{"/p":[],"/p":[{"code":"Y"}]}}}]}"#,
            "errors[0].meta.associatedErrors[0][0].status",
            "a value",
        ),
    ];
    strict_parse_fails_at(&cases);
    // A bad member of one name does not undo a good one of the other.
    let body = br#"{"errors":[{"status":"409","code":"X","title":"t","source":{"parameter":"p","pointer":null}}]}"#;
    let response = ErrorResponse::parse(body).unwrap();
    assert_eq!(
        response.errors()[0].source(),
        Some(&Source::Parameter("p".into()))
    );
}

#[test]
fn error_bodies_are_bounded() {
    let mut body = br#"{"errors":[{"status":"409","code":"X","title":"t"}],"pad":""#.to_vec();
    body.resize(apple_errors::body::MAX_BODY_LEN + 1, b' ');
    let r = reject(409, &body);
    assert!(matches!(
        r.body_error(),
        Some(ParseError::Body(BodyError::TooLarge { .. }))
    ));
    assert!(r.errors().is_empty());
}

#[test]
fn codes_convert_and_compare() {
    let code: ErrorCode = "STATE_ERROR.ENTITY_STATE_INVALID".parse().unwrap();
    assert_eq!(code, "STATE_ERROR.ENTITY_STATE_INVALID");
    assert_eq!(ErrorCode::from(String::from("X")).as_ref(), "X");
    assert_eq!(
        ErrorCode::from(ErrorCodeFamily::NotFound).as_str(),
        "NOT_FOUND"
    );
    assert!(code.starts_with("STATE_ERROR."));
    assert_eq!(ErrorCodeFamily::SEPARATOR, '.');
}

/// One `X-Rate-Limit` entry for the property below: a known name with a
/// number (`Ok`), or something that is not one (`Err`, with the problem it
/// must cause, if any).
#[derive(Clone, Debug)]
enum Entry {
    Known(usize, i128),
    Junk(String),
}

fn entry() -> impl proptest::strategy::Strategy<Value = Entry> {
    use proptest::prelude::*;
    prop_oneof![
        (0..4usize, any::<i64>().prop_map(i128::from)).prop_map(|(n, v)| Entry::Known(n, v)),
        (0..4usize, any::<u64>().prop_map(i128::from)).prop_map(|(n, v)| Entry::Known(n, v)),
        "[a-z:x-]{1,12}".prop_map(Entry::Junk),
    ]
}

const NAMES: [&str; 4] = [
    "user-hour-lim",
    "user-hour-rem",
    "user-minute-lim",
    "user-minute-rem",
];

proptest::proptest! {
    /// Whatever else a value holds, every readable entry is read (the last
    /// of its name), every bad one is reported, and `parse` is `read` made
    /// strict.
    #[test]
    fn rate_limit_entries_are_read_one_by_one(
        entries in proptest::collection::vec(entry(), 1..8),
        commas in proptest::collection::vec(proptest::bool::ANY, 8),
    ) {
        let mut value = String::new();
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                value.push_str(if commas[i] { ", " } else { ";" });
            }
            match e {
                Entry::Known(n, v) => value.push_str(&format!("{}:{v}", NAMES[*n])),
                Entry::Junk(text) => value.push_str(text),
            }
        }
        // The model: the last entry of each known name, read as the format
        // allows (limits are u64, remaining counts i64).
        let mut last: [Option<(i128, bool)>; 4] = [None; 4];
        let mut junk_problems = 0;
        for e in &entries {
            match e {
                Entry::Known(n, v) => {
                    let fits = if n % 2 == 0 {
                        u64::try_from(*v).is_ok()
                    } else {
                        i64::try_from(*v).is_ok()
                    };
                    last[*n] = Some((*v, fits));
                }
                Entry::Junk(text) => match text.split_once(':') {
                    None => junk_problems += 1,
                    // Junk under a known name is never a number, as the
                    // junk alphabet has no digits.
                    Some((name, _)) => {
                        if let Some(n) = NAMES.iter().position(|k| *k == name) {
                            last[n] = Some((0, false));
                        }
                    }
                },
            }
        }
        let reading = RateLimit::read(value.as_bytes());
        let limit = reading.limit();
        let got = [
            limit.hour_limit().map(i128::from),
            limit.hour_remaining().map(i128::from),
            limit.minute_limit().map(i128::from),
            limit.minute_remaining().map(i128::from),
        ];
        let mut bad_known = 0;
        for ((expected, got), name) in last.iter().zip(got).zip(NAMES) {
            let expected = match expected {
                Some((v, true)) => Some(*v),
                Some((_, false)) => {
                    bad_known += 1;
                    None
                }
                None => None,
            };
            proptest::prop_assert_eq!(got, expected, "{}", name);
        }
        proptest::prop_assert_eq!(reading.problems().len(), junk_problems + bad_known, "{}", value);
        proptest::prop_assert_eq!(RateLimit::parse(value.as_bytes()), reading.into_result());
    }
}
