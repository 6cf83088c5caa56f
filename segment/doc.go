// Package segment holds the machinery shared by both protocols' message
// segments: the {"type", "data"} envelope, a type registry that decodes
// known types and keeps unknown ones byte-exact, and the CQ-code codec of
// OneBot 11's string message format. It imports no protocol package.
//
// # Lossless typed segments
//
// A protocol's segment type is a plain struct of its data fields plus a
// Meta and an Extra map; it implements Data (a schema describing the
// fields and a pointer accessor), and AppendJSON / DecodeData do the rest
// without reflection. Decoding then encoding gives the same JSON value:
//
//   - data keys the type does not know, and known keys whose value has an
//     unexpected shape (an object for a string field, 1.5 for an integer),
//     go to Extra and are written back;
//   - scalars keep their representation: a number sent for a string field
//     is written as that number again, a numeric string for an integer
//     field as a string, 0/1 or "true" for a bool as they came, null as
//     null;
//   - absent keys stay absent, and "data": null or a missing "data" stay as
//     they were; envelope keys other than type and data are kept in Meta.
//
// Segments built in code (zero Meta) write their required fields and every
// non-zero optional one.
//
// # CQ codes
//
// NextCQ / CQScanner tokenise the string format, AppendCQ writes a typed
// segment as a code:
//
//	text[CQ:type,key=value,key2=value2]text
//
// Plain text escapes & [ ] as &amp; &#91; &#93;; parameter values also
// escape , as &#44;. Escaping replaces & first and unescaping decodes all
// four entities in one left-to-right pass, which is the same as decoding
// &amp; last: "&amp;#91;" reads as "&#91;", never "[". &#44; in plain text
// reads as ",": plain text never needs it escaped, so it can only be an
// over-escaped comma (nonebot, aiocqhttp, Koishi and LLOneBot agree;
// go-cqhttp and ZeroBot leave it as is). Other entities (&lt;, &#65;) are
// not CQ escapes and stay as they are.
//
// A code is recognised only when it is complete and well formed:
// "[CQ:" + type + zero or more ",key=value" + "]", where type and key are
// non-empty and made of ASCII letters, digits, '_', '-' and '.', the key is
// the text before the first '=' (so a value may contain '='), no key
// repeats, and a value contains no '[' and no ']' (they must be escaped).
// Anything else (an unterminated "[CQ:", a stray "]", an empty type, a
// parameter without '=', a repeated key, a space) is plain text: nothing
// is ever dropped.
//
// # JSON scanning
//
// The decoders work on a string holding one copy of the input: strings
// without escapes are substrings of it, so a decoded message costs about
// one allocation per segment. This is why the package has its own small,
// strict (RFC 8259) scanner rather than using internal/jsonx, whose Reader
// works on byte slices and allocates each string it returns.
package segment
