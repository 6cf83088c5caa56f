package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/duobot/duobot/onebot11"
)

// ActionRenameGroupFile is the NapCat / LLOneBot extension renaming a group
// file ({group_id, file_id, current_parent_directory, new_name}); it is not
// in the OneBot 11 action list the onebot11 client knows, so it is
// registered by name (see OneBot11.Register).
const ActionRenameGroupFile = "rename_group_file"

// OneBot11ExtensionActions returns, sorted, the actions the front-end
// serves beyond the action list of OneBot11Actions (ActionRenameGroupFile).
// Register serves them behind the same offline check, and
// get_supported_actions lists them.
func OneBot11ExtensionActions() []string { return []string{ActionRenameGroupFile} }

// registerFilteredFriends serves the filtered ("doubt") friend requests.
func (b *OneBot11) registerFilteredFriends(mux *onebot11.ServeMux) {
	mux.HandleGetDoubtFriendsAddRequest(func(ctx context.Context, p *onebot11.GetDoubtFriendsAddRequestParams) ([]onebot11.DoubtFriendRequest, error) {
		if p.Count < 0 {
			return nil, ob11Err(onebot11.ActionGetDoubtFriendsAddRequest, ob11Bad("negative count %d", p.Count))
		}
		out := []onebot11.DoubtFriendRequest{}
		for _, r := range b.w.FriendRequests() {
			if !r.IsFiltered || r.State != StatePending {
				continue
			}
			if p.Count > 0 && int64(len(out)) == p.Count {
				break
			}
			u, _ := b.w.User(r.InitiatorID)
			out = append(out, onebot11.DoubtFriendRequest{Flag: OneBot11FriendFlag(r.InitiatorUID),
				Uin: strconv.FormatInt(r.InitiatorID, 10), Nick: u.Nickname, Source: r.Via, Msg: r.Comment,
				Time: strconv.FormatInt(r.Time.Unix(), 10)})
		}
		return out, nil
	})
	mux.HandleSetDoubtFriendsAddRequest(func(ctx context.Context, p *onebot11.SetDoubtFriendsAddRequestParams) error {
		const a = onebot11.ActionSetDoubtFriendsAddRequest
		uid, ok := strings.CutPrefix(p.Flag, ob11FlagFriend)
		if !ok || uid == "" {
			return ob11Err(a, ob11Bad("bad friend request flag %q (want \"friend:<uid>\")", p.Flag))
		}
		filtered := false
		for _, r := range b.w.FriendRequests() {
			if r.InitiatorUID == uid {
				filtered = r.IsFiltered
				break
			}
		}
		if !filtered {
			return ob11Err(a, fmt.Errorf("%w: filtered friend request %q", ErrNotFound, p.Flag))
		}
		return ob11Err(a, b.w.AcceptFriendRequest(uid, ""))
	})
}

// ob11NumericGroupFlag decodes a numeric set_group_add_request flag: the
// request_id of get_group_system_msg, which go-cqhttp and LLOneBot accept
// as the flag. sub_type (or type) "invite" names an invitation of the bot,
// anything else a join or invited-join request.
func ob11NumericGroupFlag(flag, subType string) (seq int64, invite, ok bool) {
	seq, ok = ob11ParseSeq(flag)
	return seq, subType == "invite", ok
}

// ob11RenameGroupFileParams are the params of rename_group_file.
type ob11RenameGroupFileParams struct {
	GroupID                ob11Int `json:"group_id"`
	FileID                 string  `json:"file_id"`
	CurrentParentDirectory string  `json:"current_parent_directory"`
	NewName                string  `json:"new_name"`
}

// ob11Int is an integer param sent as a JSON number or a numeric string
// (NapCat and LLOneBot accept both).
type ob11Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *ob11Int) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not an integer: %s", b)
	}
	*n = ob11Int(v)
	return nil
}

// registerExtensions serves the actions beyond the onebot11 client's list.
func (b *OneBot11) registerExtensions(mux *onebot11.ServeMux) {
	mux.Handle(ActionRenameGroupFile, onebot11.ActionHandlerFunc(func(ctx context.Context, action string, raw []byte) (json.RawMessage, error) {
		var p ob11RenameGroupFileParams
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, ob11Err(action, ob11Bad("params: %v", err))
		}
		if p.FileID == "" || p.NewName == "" {
			return nil, ob11Err(action, ob11Bad("file_id and new_name are required"))
		}
		f, err := b.w.GroupFile(int64(p.GroupID), p.FileID)
		if err != nil {
			return nil, ob11Err(action, err)
		}
		parent := p.CurrentParentDirectory
		if parent == "" {
			parent = RootFolder
		}
		if folder := f.FolderID; folder != parent && !(folder == "" && parent == RootFolder) {
			return nil, ob11Err(action, fmt.Errorf("%w: file %q is not in folder %q", ErrNotFound, p.FileID, parent))
		}
		if err := b.w.RenameGroupFile(int64(p.GroupID), p.FileID, p.NewName); err != nil {
			return nil, ob11Err(action, err)
		}
		return json.RawMessage(`{"ok":true}`), nil
	}))
}
