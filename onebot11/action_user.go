package onebot11

import (
	"context"
	"encoding/json"
)

// SendLikeParams are the parameters of send_like (profile likes).
type SendLikeParams struct {
	UserID int64                      `json:"user_id"`         // the user to like
	Times  int64                      `json:"times,omitempty"` // number of likes; 0 sends none (the implementation's default, 1)
	Extra  map[string]json.RawMessage `json:"-"`
}

// SendLike sends profile likes to a user (send_like).
func (c *Client) SendLike(ctx context.Context, p *SendLikeParams) error {
	return callNone(ctx, c, ActionSendLike, p)
}

// GetFriendListParams are the parameters of get_friend_list (none are defined).
type GetFriendListParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetFriendList lists the friends of the bot account (get_friend_list). p may be nil.
func (c *Client) GetFriendList(ctx context.Context, p *GetFriendListParams) ([]FriendInfo, error) {
	return callList[GetFriendListParams, FriendInfo](ctx, c, ActionGetFriendList, p)
}

// GetFriendsWithCategoryParams are the parameters of get_friends_with_category (none are defined).
type GetFriendsWithCategoryParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetFriendsWithCategory lists the friends grouped by category (get_friends_with_category,
// LLOneBot). p may be nil.
func (c *Client) GetFriendsWithCategory(ctx context.Context, p *GetFriendsWithCategoryParams) ([]FriendCategory, error) {
	return callList[GetFriendsWithCategoryParams, FriendCategory](ctx, c, ActionGetFriendsWithCategory, p)
}

// DeleteFriendParams are the parameters of delete_friend.
type DeleteFriendParams struct {
	UserID int64                      `json:"user_id"` // the friend to delete
	Extra  map[string]json.RawMessage `json:"-"`
}

// DeleteFriend deletes a friend (delete_friend).
func (c *Client) DeleteFriend(ctx context.Context, p *DeleteFriendParams) error {
	return callNone(ctx, c, ActionDeleteFriend, p)
}

// SetFriendAddRequestParams are the parameters of set_friend_add_request.
// Approve is always sent: false rejects the request.
type SetFriendAddRequestParams struct {
	Flag    string                     `json:"flag"`    // the flag of the friend request event
	Approve bool                       `json:"approve"` // true accepts, false rejects
	Remark  string                     `json:"remark"`  // remark for the new friend (accepting only)
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetFriendAddRequest accepts or rejects a friend request (set_friend_add_request).
func (c *Client) SetFriendAddRequest(ctx context.Context, p *SetFriendAddRequestParams) error {
	return callNone(ctx, c, ActionSetFriendAddRequest, p)
}

// SetFriendRemarkParams are the parameters of set_friend_remark. Remark is
// always sent: "" clears the remark.
type SetFriendRemarkParams struct {
	UserID int64                      `json:"user_id"`
	Remark string                     `json:"remark"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// SetFriendRemark sets the remark of a friend (set_friend_remark, LLOneBot).
func (c *Client) SetFriendRemark(ctx context.Context, p *SetFriendRemarkParams) error {
	return callNone(ctx, c, ActionSetFriendRemark, p)
}

// GetStrangerInfoParams are the parameters of get_stranger_info.
type GetStrangerInfoParams struct {
	UserID  int64                      `json:"user_id"`
	NoCache bool                       `json:"no_cache,omitempty"` // standard OneBot 11: bypass the cache
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetStrangerInfoResult is the data of get_stranger_info. The standard
// defines user_id, nickname, sex and age; the rest are LLOneBot's.
type GetStrangerInfoResult struct {
	UserID        int64                      `json:"user_id"`
	Nickname      string                     `json:"nickname"`
	Sex           string                     `json:"sex"` // "male", "female" or "unknown"
	Age           int64                      `json:"age"`
	Qid           string                     `json:"qid"`
	Level         int64                      `json:"level"`
	LoginDays     int64                      `json:"login_days"`
	RegTime       int64                      `json:"reg_time"` // Unix seconds
	LongNick      string                     `json:"long_nick"`
	City          string                     `json:"city"`
	Country       string                     `json:"country"`
	BirthdayYear  int64                      `json:"birthday_year"`
	BirthdayMonth int64                      `json:"birthday_month"`
	BirthdayDay   int64                      `json:"birthday_day"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// GetStrangerInfo returns a user's public profile (get_stranger_info).
func (c *Client) GetStrangerInfo(ctx context.Context, p *GetStrangerInfoParams) (*GetStrangerInfoResult, error) {
	return callResult[GetStrangerInfoParams, GetStrangerInfoResult](ctx, c, ActionGetStrangerInfo, p)
}

// SetQQAvatarParams are the parameters of set_qq_avatar.
type SetQQAvatarParams struct {
	File  string                     `json:"file"` // file://, http(s):// or base64:// image
	Extra map[string]json.RawMessage `json:"-"`
}

// SetQQAvatar sets the bot account's avatar (set_qq_avatar, LLOneBot).
func (c *Client) SetQQAvatar(ctx context.Context, p *SetQQAvatarParams) error {
	return callNone(ctx, c, ActionSetQQAvatar, p)
}

// FriendPokeParams are the parameters of friend_poke.
type FriendPokeParams struct {
	UserID int64                      `json:"user_id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// FriendPoke pokes a friend (friend_poke, LLOneBot).
func (c *Client) FriendPoke(ctx context.Context, p *FriendPokeParams) error {
	return callNone(ctx, c, ActionFriendPoke, p)
}

// GetProfileLikeParams are the parameters of get_profile_like and
// get_profile_like_me. Start is always sent (0 is the first page, -1 asks
// for everything).
type GetProfileLikeParams struct {
	Start int64                      `json:"start"`
	Count int64                      `json:"count,omitempty"` // page size, at most 30
	Extra map[string]json.RawMessage `json:"-"`
}

// GetProfileLikeResult is the data of get_profile_like and get_profile_like_me.
type GetProfileLikeResult struct {
	Users     []ProfileLikeUser          `json:"users"`
	NextStart int64                      `json:"nextStart"` // -1 when there is no next page
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetProfileLike lists the users the bot account liked (get_profile_like, LLOneBot).
func (c *Client) GetProfileLike(ctx context.Context, p *GetProfileLikeParams) (*GetProfileLikeResult, error) {
	return callResult[GetProfileLikeParams, GetProfileLikeResult](ctx, c, ActionGetProfileLike, p)
}

// GetProfileLikeMeParams are the parameters of get_profile_like_me; see GetProfileLikeParams.
type GetProfileLikeMeParams struct {
	Start int64                      `json:"start"`
	Count int64                      `json:"count,omitempty"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetProfileLikeMeResult is the data of get_profile_like_me.
type GetProfileLikeMeResult struct {
	Users     []ProfileLikeUser          `json:"users"`
	NextStart int64                      `json:"nextStart"` // -1 when there is no next page
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetProfileLikeMe lists the users who liked the bot account (get_profile_like_me, LLOneBot).
func (c *Client) GetProfileLikeMe(ctx context.Context, p *GetProfileLikeMeParams) (*GetProfileLikeMeResult, error) {
	return callResult[GetProfileLikeMeParams, GetProfileLikeMeResult](ctx, c, ActionGetProfileLikeMe, p)
}

// GetRobotUinRangeParams are the parameters of get_robot_uin_range (none are defined).
type GetRobotUinRangeParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetRobotUinRange lists the account ranges of official QQ bots
// (get_robot_uin_range, LLOneBot). p may be nil.
func (c *Client) GetRobotUinRange(ctx context.Context, p *GetRobotUinRangeParams) ([]RobotUinRange, error) {
	return callList[GetRobotUinRangeParams, RobotUinRange](ctx, c, ActionGetRobotUinRange, p)
}

// SetFriendCategoryParams are the parameters of set_friend_category.
type SetFriendCategoryParams struct {
	UserID     int64                      `json:"user_id"`
	CategoryID int64                      `json:"category_id"`
	Extra      map[string]json.RawMessage `json:"-"`
}

// SetFriendCategory moves a friend to another category (set_friend_category, LLOneBot).
func (c *Client) SetFriendCategory(ctx context.Context, p *SetFriendCategoryParams) error {
	return callNone(ctx, c, ActionSetFriendCategory, p)
}

// GetQQAvatarParams are the parameters of get_qq_avatar: set one of the two
// (nil leaves it out).
type GetQQAvatarParams struct {
	UserID  *int64                     `json:"user_id,omitempty"`
	GroupID *int64                     `json:"group_id,omitempty"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetQQAvatarResult is the data of get_qq_avatar.
type GetQQAvatarResult struct {
	URL   string                     `json:"url"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetQQAvatar returns the avatar URL of a user or group (get_qq_avatar, LLOneBot).
func (c *Client) GetQQAvatar(ctx context.Context, p *GetQQAvatarParams) (*GetQQAvatarResult, error) {
	return callResult[GetQQAvatarParams, GetQQAvatarResult](ctx, c, ActionGetQQAvatar, p)
}

// GetDoubtFriendsAddRequestParams are the parameters of get_doubt_friends_add_request.
type GetDoubtFriendsAddRequestParams struct {
	Count int64                      `json:"count,omitempty"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetDoubtFriendsAddRequest lists the friend requests QQ filtered out
// (get_doubt_friends_add_request, LLOneBot 6.2+). p may be nil.
func (c *Client) GetDoubtFriendsAddRequest(ctx context.Context, p *GetDoubtFriendsAddRequestParams) ([]DoubtFriendRequest, error) {
	return callList[GetDoubtFriendsAddRequestParams, DoubtFriendRequest](ctx, c, ActionGetDoubtFriendsAddRequest, p)
}

// SetDoubtFriendsAddRequestParams are the parameters of set_doubt_friends_add_request.
type SetDoubtFriendsAddRequestParams struct {
	Flag  string                     `json:"flag"`
	Extra map[string]json.RawMessage `json:"-"`
}

// SetDoubtFriendsAddRequest accepts a filtered friend request
// (set_doubt_friends_add_request, LLOneBot 6.2+).
func (c *Client) SetDoubtFriendsAddRequest(ctx context.Context, p *SetDoubtFriendsAddRequestParams) error {
	return callNone(ctx, c, ActionSetDoubtFriendsAddRequest, p)
}

// SetQQProfileParams are the parameters of set_qq_profile; empty fields are left out.
type SetQQProfileParams struct {
	Nickname     string                     `json:"nickname,omitempty"`
	PersonalNote string                     `json:"personal_note,omitempty"`
	Extra        map[string]json.RawMessage `json:"-"`
}

// SetQQProfile sets the bot account's nickname and signature (set_qq_profile).
func (c *Client) SetQQProfile(ctx context.Context, p *SetQQProfileParams) error {
	return callNone(ctx, c, ActionSetQQProfile, p)
}
