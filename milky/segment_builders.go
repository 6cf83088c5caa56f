package milky

// Builders of outgoing segments. They apply the schema defaults of
// @saltify/milky-types 1.2.2 (face is_large false, image sub_type
// "normal") so what they produce is exactly what the schema yields.

// Text returns a text segment.
func Text(text string) *OutgoingTextSegment { return &OutgoingTextSegment{Text: text} }

// Mention returns a segment mentioning userID.
func Mention(userID int64) *OutgoingMentionSegment { return &OutgoingMentionSegment{UserID: userID} }

// MentionAll returns a segment mentioning everyone in the group.
func MentionAll() *OutgoingMentionAllSegment { return &OutgoingMentionAllSegment{} }

// Face returns a face segment (not large).
func Face(faceID string) *OutgoingFaceSegment { return &OutgoingFaceSegment{FaceID: faceID} }

// LargeFace returns a large (super) face segment.
func LargeFace(faceID string) *OutgoingFaceSegment {
	return &OutgoingFaceSegment{FaceID: faceID, IsLarge: true}
}

// Reply returns a segment quoting messageSeq of the same conversation.
func Reply(messageSeq int64) *OutgoingReplySegment {
	return &OutgoingReplySegment{MessageSeq: messageSeq}
}

// Image returns an image segment (sub_type "normal") from a resource URI
// (see FileURI, Base64URI, or an http(s) URL).
func Image(uri string) *OutgoingImageSegment {
	return &OutgoingImageSegment{URI: uri, SubType: "normal"}
}

// ImageBytes returns an image segment carrying data inline.
func ImageBytes(data []byte) *OutgoingImageSegment { return Image(Base64URI(data)) }

// Sticker returns an image segment sent as a sticker.
func Sticker(uri string) *OutgoingImageSegment {
	return &OutgoingImageSegment{URI: uri, SubType: "sticker"}
}

// Record returns a voice segment from a resource URI.
func Record(uri string) *OutgoingRecordSegment { return &OutgoingRecordSegment{URI: uri} }

// Video returns a video segment from a resource URI; thumbURI may be empty.
func Video(uri, thumbURI string) *OutgoingVideoSegment {
	return &OutgoingVideoSegment{URI: uri, ThumbURI: thumbURI}
}

// LightApp returns a mini app card segment (Milky 1.2).
func LightApp(jsonPayload string) *OutgoingLightAppSegment {
	return &OutgoingLightAppSegment{JSONPayload: jsonPayload}
}

// Forward returns a forward segment of custom messages; set Title,
// Preview, Summary and Prompt on the result to customise the card.
func Forward(messages ...OutgoingForwardedMessage) *OutgoingForwardSegment {
	return &OutgoingForwardSegment{Messages: OutgoingForwardedMessages(messages)}
}

// ForwardedMessage returns one forward node shown as sent by
// userID/senderName.
func ForwardedMessage(userID int64, senderName string, segments ...OutgoingSegment) OutgoingForwardedMessage {
	return OutgoingForwardedMessage{UserID: userID, SenderName: senderName, Segments: OutgoingSegments(segments)}
}
