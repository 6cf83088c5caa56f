package onebot11

import (
	"context"
	"encoding/json"
)

// GetLoginInfoParams are the parameters of get_login_info (none are defined).
type GetLoginInfoParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetLoginInfoResult is the data of get_login_info.
type GetLoginInfoResult struct {
	UserID   int64                      `json:"user_id"`
	Nickname string                     `json:"nickname"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetLoginInfo returns the bot account (get_login_info). p may be nil.
func (c *Client) GetLoginInfo(ctx context.Context, p *GetLoginInfoParams) (*GetLoginInfoResult, error) {
	return callResult[GetLoginInfoParams, GetLoginInfoResult](ctx, c, ActionGetLoginInfo, p)
}

// GetVersionInfoParams are the parameters of get_version_info (none are defined).
type GetVersionInfoParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetVersionInfoResult is the data of get_version_info. Implementations add
// their own fields (kept in Extra).
type GetVersionInfoResult struct {
	AppName         string                     `json:"app_name"`
	ProtocolVersion string                     `json:"protocol_version"` // "v11"
	AppVersion      string                     `json:"app_version"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// GetVersionInfo returns the implementation's name and version (get_version_info). p may be nil.
func (c *Client) GetVersionInfo(ctx context.Context, p *GetVersionInfoParams) (*GetVersionInfoResult, error) {
	return callResult[GetVersionInfoParams, GetVersionInfoResult](ctx, c, ActionGetVersionInfo, p)
}

// GetStatusParams are the parameters of get_status (none are defined).
type GetStatusParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetStatusResult is the data of get_status: the same wire shape as the
// [HeartbeatStatus] a heartbeat carries. Implementations add fields such as
// "stat" (kept in Extra).
type GetStatusResult HeartbeatStatus

// MarshalJSON encodes r as a [HeartbeatStatus].
func (r GetStatusResult) MarshalJSON() ([]byte, error) { return HeartbeatStatus(r).MarshalJSON() }

// UnmarshalJSON decodes r as a [HeartbeatStatus].
func (r *GetStatusResult) UnmarshalJSON(b []byte) error {
	return (*HeartbeatStatus)(r).UnmarshalJSON(b)
}

// GetStatus returns whether the bot is online and healthy (get_status). p may be nil.
func (c *Client) GetStatus(ctx context.Context, p *GetStatusParams) (*GetStatusResult, error) {
	return callResult[GetStatusParams, GetStatusResult](ctx, c, ActionGetStatus, p)
}

// CleanCacheParams are the parameters of clean_cache (none are defined).
type CleanCacheParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// CleanCache clears the implementation's cache (clean_cache; a no-op since
// LLOneBot 5.0). p may be nil.
func (c *Client) CleanCache(ctx context.Context, p *CleanCacheParams) error {
	return callNone(ctx, c, ActionCleanCache, p)
}

// GetCookiesParams are the parameters of get_cookies.
type GetCookiesParams struct {
	Domain string                     `json:"domain"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// GetCookiesResult is the data of get_cookies. Bkn (the CSRF token for the
// domain) is LLOneBot's.
type GetCookiesResult struct {
	Cookies string                     `json:"cookies"`
	Bkn     string                     `json:"bkn,omitempty"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetCookies returns the cookies of a QQ web domain (get_cookies).
func (c *Client) GetCookies(ctx context.Context, p *GetCookiesParams) (*GetCookiesResult, error) {
	return callResult[GetCookiesParams, GetCookiesResult](ctx, c, ActionGetCookies, p)
}

// SetOnlineStatusParams are the parameters of set_online_status. All three
// are always sent (10 with zeros is "online").
type SetOnlineStatusParams struct {
	Status        int64                      `json:"status"`
	ExtStatus     int64                      `json:"ext_status"`
	BatteryStatus int64                      `json:"battery_status"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// SetOnlineStatus sets the bot account's online status (set_online_status, LLOneBot).
func (c *Client) SetOnlineStatus(ctx context.Context, p *SetOnlineStatusParams) error {
	return callNone(ctx, c, ActionSetOnlineStatus, p)
}

// SetRestartParams are the parameters of set_restart.
type SetRestartParams struct {
	Delay int64                      `json:"delay,omitempty"` // standard: milliseconds before restarting
	Extra map[string]json.RawMessage `json:"-"`
}

// SetRestart restarts the implementation (set_restart; answered "async").
// p may be nil.
func (c *Client) SetRestart(ctx context.Context, p *SetRestartParams) error {
	return callNone(ctx, c, ActionSetRestart, p)
}

// ScanQrcodeParams are the parameters of scan_qrcode.
type ScanQrcodeParams struct {
	File  string                     `json:"file"` // file://, http(s):// or base64:// image
	Extra map[string]json.RawMessage `json:"-"`
}

// ScanQrcode decodes the QR codes in an image (scan_qrcode, LLOneBot 7.2+).
func (c *Client) ScanQrcode(ctx context.Context, p *ScanQrcodeParams) ([]QRCodeText, error) {
	return callList[ScanQrcodeParams, QRCodeText](ctx, c, ActionScanQrcode, p)
}

// OcrImageParams are the parameters of ocr_image.
type OcrImageParams struct {
	Image string                     `json:"image"` // file://, http(s):// or base64:// image, or an image segment's file
	Extra map[string]json.RawMessage `json:"-"`
}

// OcrImageResult is the data of ocr_image.
type OcrImageResult struct {
	Texts    []OCRText                  `json:"texts"`
	Language string                     `json:"language"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// OcrImage recognises the text in an image (ocr_image).
func (c *Client) OcrImage(ctx context.Context, p *OcrImageParams) (*OcrImageResult, error) {
	return callResult[OcrImageParams, OcrImageResult](ctx, c, ActionOcrImage, p)
}

// GetRkeyParams are the parameters of get_rkey (none are defined).
type GetRkeyParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetRkeyResult is the data of get_rkey.
type GetRkeyResult struct {
	PrivateKey  string                     `json:"private_key"`
	GroupKey    string                     `json:"group_key"`
	ExpiredTime int64                      `json:"expired_time"` // Unix seconds
	UpdatedTime string                     `json:"updated_time"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// GetRkey returns the current image rkeys (get_rkey, LLOneBot). p may be nil.
func (c *Client) GetRkey(ctx context.Context, p *GetRkeyParams) (*GetRkeyResult, error) {
	return callResult[GetRkeyParams, GetRkeyResult](ctx, c, ActionGetRkey, p)
}

// GetRecommendFaceParams are the parameters of get_recommend_face.
type GetRecommendFaceParams struct {
	Word  string                     `json:"word"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetRecommendFaceResult is the data of get_recommend_face.
type GetRecommendFaceResult struct {
	URL   []string                   `json:"url"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetRecommendFace returns sticker URLs QQ recommends for a word
// (get_recommend_face, LLOneBot 5.5+).
func (c *Client) GetRecommendFace(ctx context.Context, p *GetRecommendFaceParams) (*GetRecommendFaceResult, error) {
	return callResult[GetRecommendFaceParams, GetRecommendFaceResult](ctx, c, ActionGetRecommendFace, p)
}

// FetchCustomFaceParams are the parameters of fetch_custom_face.
type FetchCustomFaceParams struct {
	Count int64                      `json:"count,omitempty"`
	Extra map[string]json.RawMessage `json:"-"`
}

// FetchCustomFace returns the URLs of the bot account's saved stickers
// (fetch_custom_face, LLOneBot). p may be nil.
func (c *Client) FetchCustomFace(ctx context.Context, p *FetchCustomFaceParams) ([]string, error) {
	return callList[FetchCustomFaceParams, string](ctx, c, ActionFetchCustomFace, p)
}

// SendPbParams are the parameters of send_pb.
type SendPbParams struct {
	Cmd   string                     `json:"cmd"` // service command, e.g. "OidbSvcTrpcTcp.0xed3_1"
	Hex   string                     `json:"hex"` // the protobuf body, hex encoded
	Extra map[string]json.RawMessage `json:"-"`
}

// SendPbResult is the data of send_pb.
type SendPbResult struct {
	Cmd   string                     `json:"cmd"`
	Hex   string                     `json:"hex"`
	Echo  string                     `json:"echo"`
	Extra map[string]json.RawMessage `json:"-"`
}

// SendPb sends a raw protobuf packet (send_pb, LLOneBot).
func (c *Client) SendPb(ctx context.Context, p *SendPbParams) (*SendPbResult, error) {
	return callResult[SendPbParams, SendPbResult](ctx, c, ActionSendPb, p)
}
