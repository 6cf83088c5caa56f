package sim

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strconv"
)

// ---- group files and folders ----

// UploadGroupFile uploads data as name into a group folder (RootFolder or
// "" for the root) as the bot.
func (w *World) UploadGroupFile(group int64, folderID, name string, data []byte) (GroupFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.uploadGroupFile(w.self, group, folderID, name, data)
}

// UserUploadGroupFile uploads a file as member uin.
func (w *World) UserUploadGroupFile(group, uin int64, folderID, name string, data []byte) (GroupFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.uploadGroupFile(uin, group, folderID, name, data)
}

func hashOf(data []byte) string {
	h := sha1.Sum(data)
	return hex.EncodeToString(h[:])
}

func (w *World) uploadGroupFile(actor, group int64, folderID, name string, data []byte) (GroupFile, error) {
	g, err := w.group(group)
	if err != nil {
		return GroupFile{}, err
	}
	if _, err := g.member(actor); err != nil {
		return GroupFile{}, err
	}
	if name == "" {
		return GroupFile{}, errf(ErrInvalidArgument, "empty file name")
	}
	folderID, err = g.folderID(folderID)
	if err != nil {
		return GroupFile{}, err
	}
	f := &fileRec{f: GroupFile{
		GroupID: group, ID: "/" + w.newUUID(), Name: name, FolderID: folderID,
		Size: int64(len(data)), Hash: hashOf(data), UploadedTime: w.now(), UploaderID: actor,
	}, data: append([]byte(nil), data...)}
	g.files[f.f.ID] = f
	if fo, ok := g.folders[folderID]; ok {
		fo.LastModifiedTime = w.now()
	}
	w.groupEmit(g, &GroupFileUploadEvent{GroupID: group, UserID: actor, File: f.f})
	return f.f, nil
}

// folderID normalises "" to RootFolder and checks the folder exists.
func (g *groupRec) folderID(id string) (string, error) {
	if id == "" || id == RootFolder {
		return RootFolder, nil
	}
	if _, ok := g.folders[id]; !ok {
		return "", errf(ErrNotFound, "folder %q in group %d", id, g.g.ID)
	}
	return id, nil
}

// GroupFiles lists the files and folders directly in a folder ("" or
// RootFolder for the root), files by upload time, folders by creation.
func (w *World) GroupFiles(group int64, folderID string) ([]GroupFile, []Folder, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return nil, nil, err
	}
	folderID, err = g.folderID(folderID)
	if err != nil {
		return nil, nil, err
	}
	files := []GroupFile{}
	for _, id := range sortedKeys(g.files) {
		if f := g.files[id]; f.f.FolderID == folderID {
			files = append(files, f.f)
		}
	}
	sortByTime(files, func(f GroupFile) (int64, string) { return f.UploadedTime.UnixNano(), f.ID })
	folders := []Folder{}
	for _, id := range sortedKeys(g.folders) {
		if fo := g.folders[id]; fo.ParentID == folderID {
			s := *fo
			s.FileCount = g.fileCount(id)
			folders = append(folders, s)
		}
	}
	sortByTime(folders, func(f Folder) (int64, string) { return f.CreatedTime.UnixNano(), f.ID })
	return files, folders, nil
}

func sortByTime[T any](s []T, key func(T) (int64, string)) {
	sort.SliceStable(s, func(i, j int) bool {
		a, as := key(s[i])
		b, bs := key(s[j])
		return a < b || (a == b && as < bs)
	})
}

func (g *groupRec) fileCount(folder string) int {
	n := 0
	for _, f := range g.files {
		if f.f.FolderID == folder {
			n++
		}
	}
	return n
}

// fileForEdit finds a file the actor may modify: its uploader, or an admin
// or the owner.
func (w *World) fileForEdit(actor, group int64, fileID string) (*groupRec, *fileRec, error) {
	g, err := w.group(group)
	if err != nil {
		return nil, nil, err
	}
	if _, err := g.member(actor); err != nil {
		return nil, nil, err
	}
	f, ok := g.files[fileID]
	if !ok {
		return nil, nil, errf(ErrNotFound, "file %q in group %d", fileID, group)
	}
	if f.f.UploaderID != actor {
		if err := requireAdmin(g, actor, "modify another member's file"); err != nil {
			return nil, nil, err
		}
	}
	return g, f, nil
}

// GroupFile returns one group file.
func (w *World) GroupFile(group int64, fileID string) (GroupFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return GroupFile{}, err
	}
	f, ok := g.files[fileID]
	if !ok {
		return GroupFile{}, errf(ErrNotFound, "file %q in group %d", fileID, group)
	}
	return f.f, nil
}

// RenameGroupFile renames a file as the bot (uploader or admin).
func (w *World) RenameGroupFile(group int64, fileID, name string) error {
	return w.locked(func() error {
		if name == "" {
			return errf(ErrInvalidArgument, "empty file name")
		}
		_, f, err := w.fileForEdit(w.self, group, fileID)
		if err != nil {
			return err
		}
		f.f.Name = name
		return nil
	})
}

// MoveGroupFile moves a file to another folder as the bot (uploader or
// admin).
func (w *World) MoveGroupFile(group int64, fileID, targetFolderID string) error {
	return w.locked(func() error {
		g, f, err := w.fileForEdit(w.self, group, fileID)
		if err != nil {
			return err
		}
		target, err := g.folderID(targetFolderID)
		if err != nil {
			return err
		}
		f.f.FolderID = target
		return nil
	})
}

// DeleteGroupFile deletes a file as the bot (uploader or admin).
func (w *World) DeleteGroupFile(group int64, fileID string) error {
	return w.locked(func() error {
		g, _, err := w.fileForEdit(w.self, group, fileID)
		if err != nil {
			return err
		}
		delete(g.files, fileID)
		return nil
	})
}

// CreateGroupFolder creates a folder in the root as the bot (admin or
// owner; names are unique).
func (w *World) CreateGroupFolder(group int64, name string) (Folder, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return Folder{}, err
	}
	if err := requireAdmin(g, w.self, "create folder"); err != nil {
		return Folder{}, err
	}
	if err := g.checkFolderName(name, ""); err != nil {
		return Folder{}, err
	}
	now := w.now()
	fo := &Folder{GroupID: group, ID: "/" + w.newUUID(), ParentID: RootFolder, Name: name,
		CreatedTime: now, LastModifiedTime: now, CreatorID: w.self}
	g.folders[fo.ID] = fo
	return *fo, nil
}

func (g *groupRec) checkFolderName(name, except string) error {
	if name == "" {
		return errf(ErrInvalidArgument, "empty folder name")
	}
	for id, fo := range g.folders {
		if fo.Name == name && id != except {
			return errf(ErrInvalidArgument, "folder %q already exists in group %d", name, g.g.ID)
		}
	}
	return nil
}

// RenameGroupFolder renames a folder as the bot (admin or owner).
func (w *World) RenameGroupFolder(group int64, folderID, name string) error {
	return w.locked(func() error {
		g, fo, err := w.folderForEdit(group, folderID)
		if err != nil {
			return err
		}
		if err := g.checkFolderName(name, folderID); err != nil {
			return err
		}
		fo.Name, fo.LastModifiedTime = name, w.now()
		return nil
	})
}

// DeleteGroupFolder deletes a folder and the files in it as the bot (admin
// or owner).
func (w *World) DeleteGroupFolder(group int64, folderID string) error {
	return w.locked(func() error {
		g, _, err := w.folderForEdit(group, folderID)
		if err != nil {
			return err
		}
		for id, f := range g.files {
			if f.f.FolderID == folderID {
				delete(g.files, id)
			}
		}
		delete(g.folders, folderID)
		return nil
	})
}

func (w *World) folderForEdit(group int64, folderID string) (*groupRec, *Folder, error) {
	g, err := w.group(group)
	if err != nil {
		return nil, nil, err
	}
	if err := requireAdmin(g, w.self, "modify folder"); err != nil {
		return nil, nil, err
	}
	fo, ok := g.folders[folderID]
	if !ok {
		return nil, nil, errf(ErrNotFound, "folder %q in group %d", folderID, group)
	}
	return g, fo, nil
}

// GroupFileURL returns a download URL for a group file (the bot must be a
// member) and counts a download.
func (w *World) GroupFileURL(group int64, fileID string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return "", err
	}
	if _, err := g.member(w.self); err != nil {
		return "", err
	}
	f, ok := g.files[fileID]
	if !ok {
		return "", errf(ErrNotFound, "file %q in group %d", fileID, group)
	}
	f.f.DownloadedTimes++
	return fmt.Sprintf("%s/file/group/%d/%s", w.cfg.baseURL, group, url.PathEscape(fileID)), nil
}

// GroupFileData returns a group file's content.
func (w *World) GroupFileData(group int64, fileID string) ([]byte, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return nil, err
	}
	f, ok := g.files[fileID]
	if !ok {
		return nil, errf(ErrNotFound, "file %q in group %d", fileID, group)
	}
	return append([]byte(nil), f.data...), nil
}

// ---- private files ----

// UploadPrivateFile sends a file from the bot to a friend.
func (w *World) UploadPrivateFile(uin int64, name string, data []byte) (PrivateFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.uploadPrivateFile(w.self, uin, name, data)
}

// UserUploadPrivateFile makes friend uin send a file to the bot.
func (w *World) UserUploadPrivateFile(uin int64, name string, data []byte) (PrivateFile, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.uploadPrivateFile(uin, uin, name, data)
}

func (w *World) uploadPrivateFile(sender, peer int64, name string, data []byte) (PrivateFile, error) {
	if _, ok := w.friends[peer]; !ok {
		return PrivateFile{}, errf(ErrNotFound, "friend %d", peer)
	}
	if name == "" {
		return PrivateFile{}, errf(ErrInvalidArgument, "empty file name")
	}
	f := &privateFileRec{f: PrivateFile{
		ID: w.newUUID(), Name: name, Size: int64(len(data)), Hash: hashOf(data),
		SenderID: sender, PeerID: peer, Time: w.now(),
	}, data: append([]byte(nil), data...)}
	w.privateFiles[f.f.ID] = f
	w.emit(&FriendFileUploadEvent{UserID: peer, File: f.f, Self: sender == w.self})
	return f.f, nil
}

// PrivateFileURL returns a download URL for a file of the conversation with
// friend uin; hash must match when given.
func (w *World) PrivateFileURL(uin int64, fileID, hash string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f, ok := w.privateFiles[fileID]
	if !ok || f.f.PeerID != uin {
		return "", errf(ErrNotFound, "file %q with user %d", fileID, uin)
	}
	if hash != "" && hash != f.f.Hash {
		return "", errf(ErrInvalidArgument, "file %q: hash mismatch", fileID)
	}
	return fmt.Sprintf("%s/file/private/%s", w.cfg.baseURL, url.PathEscape(fileID)), nil
}

// PrivateFileData returns a private file's content.
func (w *World) PrivateFileData(fileID string) ([]byte, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f, ok := w.privateFiles[fileID]
	if !ok {
		return nil, errf(ErrNotFound, "file %q", fileID)
	}
	return append([]byte(nil), f.data...), nil
}

// ---- announcements ----

// SendAnnouncement publishes a group announcement as the bot (admin or
// owner). imageURL is optional.
func (w *World) SendAnnouncement(group int64, content, imageURL string) (Announcement, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendAnnouncement(w.self, group, content, imageURL)
}

// UserSendAnnouncement publishes an announcement as member operator.
func (w *World) UserSendAnnouncement(group, operator int64, content, imageURL string) (Announcement, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sendAnnouncement(operator, group, content, imageURL)
}

func (w *World) sendAnnouncement(actor, group int64, content, imageURL string) (Announcement, error) {
	g, err := w.group(group)
	if err != nil {
		return Announcement{}, err
	}
	if err := requireAdmin(g, actor, "send announcement"); err != nil {
		return Announcement{}, err
	}
	if content == "" {
		return Announcement{}, errf(ErrInvalidArgument, "empty announcement")
	}
	a := &Announcement{GroupID: group, ID: w.newHexID(16), SenderID: actor, Time: w.now(), Content: content, ImageURL: imageURL}
	g.anns = append(g.anns, a)
	return *a, nil
}

// Announcements returns a group's announcements, newest first.
func (w *World) Announcements(group int64) ([]Announcement, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return nil, err
	}
	out := make([]Announcement, 0, len(g.anns))
	for i := len(g.anns) - 1; i >= 0; i-- {
		out = append(out, *g.anns[i])
	}
	return out, nil
}

// DeleteAnnouncement deletes an announcement as the bot (admin or owner).
func (w *World) DeleteAnnouncement(group int64, id string) error {
	return w.locked(func() error {
		g, err := w.group(group)
		if err != nil {
			return err
		}
		if err := requireAdmin(g, w.self, "delete announcement"); err != nil {
			return err
		}
		for i, a := range g.anns {
			if a.ID == id {
				g.anns = append(g.anns[:i], g.anns[i+1:]...)
				return nil
			}
		}
		return errf(ErrNotFound, "announcement %q in group %d", id, group)
	})
}

// ---- essence ----

// SetEssence adds (set) or removes a group message from the essence list
// as the bot (admin or owner). Setting an essence message again is a
// no-op.
func (w *World) SetEssence(group, seq int64, set bool) error {
	return w.locked(func() error { return w.setEssence(w.self, group, seq, set) })
}

// UserSetEssence sets or unsets essence as member operator.
func (w *World) UserSetEssence(group, operator, seq int64, set bool) error {
	return w.locked(func() error { return w.setEssence(operator, group, seq, set) })
}

func (w *World) setEssence(actor, group, seq int64, set bool) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if err := requireAdmin(g, actor, "set essence"); err != nil {
		return err
	}
	r, err := w.msgBySeq(SceneGroup, group, seq)
	if err != nil {
		return err
	}
	idx := -1
	for i, e := range g.essence {
		if e.seq == seq {
			idx = i
		}
	}
	if set {
		if r.m.Recalled {
			return errf(ErrInvalidArgument, "message seq %d is recalled", seq)
		}
		if idx >= 0 {
			return nil
		}
		g.essence = append(g.essence, essenceRec{seq: seq, operator: actor, at: w.now()})
	} else {
		if idx < 0 {
			return errf(ErrNotFound, "message seq %d is not essence in group %d", seq, group)
		}
		g.essence = append(g.essence[:idx], g.essence[idx+1:]...)
	}
	w.groupEmit(g, &GroupEssenceChangeEvent{GroupID: group, Seq: seq, MessageID: r.m.ID, SenderID: r.m.SenderID, OperatorID: actor, IsSet: set})
	return nil
}

// EssenceMessages returns one page (pageIndex from 0) of a group's essence
// messages, most recently set first, and whether it is the last page.
func (w *World) EssenceMessages(group int64, pageIndex, pageSize int) ([]EssenceMessage, bool, error) {
	if pageIndex < 0 || pageSize < 1 {
		return nil, false, errf(ErrInvalidArgument, "page %d size %d", pageIndex, pageSize)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return nil, false, err
	}
	out := []EssenceMessage{}
	start := pageIndex * pageSize
	for i := len(g.essence) - 1 - start; i >= 0 && len(out) < pageSize; i-- {
		e := g.essence[i]
		r, err := w.msgBySeq(SceneGroup, group, e.seq)
		if err != nil {
			return nil, false, err
		}
		out = append(out, EssenceMessage{
			GroupID: group, Message: cloneMessage(r.m),
			SenderName: w.nameIn(g, r.m.SenderID), OperatorID: e.operator,
			OperatorName: w.nameIn(g, e.operator), OperationTime: e.at,
		})
	}
	return out, start+pageSize >= len(g.essence), nil
}

// nameIn is a user's display name in g (card, nickname, or the uin).
func (w *World) nameIn(g *groupRec, uin int64) string {
	if m, ok := g.members[uin]; ok {
		if n := w.memberSnap(g, m).DisplayName(); n != "" {
			return n
		}
	}
	if u, ok := w.users[uin]; ok && u.u.Nickname != "" {
		return u.u.Nickname
	}
	return strconv.FormatInt(uin, 10)
}

// ---- reactions ----

// React adds (add) or removes the bot's reaction faceID of type typ
// ("face", the default when "", or "emoji") on a group message. Repeating
// an add or removing an absent reaction changes nothing and publishes
// nothing.
func (w *World) React(group, seq int64, faceID, typ string, add bool) error {
	return w.locked(func() error { return w.react(w.self, group, seq, faceID, typ, add) })
}

// UserReact adds or removes member uin's reaction (rules as React).
func (w *World) UserReact(group, uin, seq int64, faceID, typ string, add bool) error {
	return w.locked(func() error { return w.react(uin, group, seq, faceID, typ, add) })
}

func (w *World) react(actor, group, seq int64, faceID, typ string, add bool) error {
	if typ == "" {
		typ = "face"
	}
	if typ != "face" && typ != "emoji" {
		return errf(ErrInvalidArgument, "reaction type %q", typ)
	}
	if faceID == "" {
		return errf(ErrInvalidArgument, "empty reaction")
	}
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if _, err := g.member(actor); err != nil {
		return err
	}
	r, err := w.msgBySeq(SceneGroup, group, seq)
	if err != nil {
		return err
	}
	if r.m.Recalled {
		return errf(ErrInvalidArgument, "message seq %d is recalled", seq)
	}
	idx := -1
	for i, x := range r.m.Reactions {
		if x.FaceID == faceID && x.Type == typ {
			idx = i
		}
	}
	has := false
	if idx >= 0 {
		for _, u := range r.m.Reactions[idx].Users {
			has = has || u == actor
		}
	}
	if add == has {
		return nil
	}
	count := 0
	if add {
		if idx < 0 {
			r.m.Reactions = append(r.m.Reactions, Reaction{FaceID: faceID, Type: typ})
			idx = len(r.m.Reactions) - 1
		}
		r.m.Reactions[idx].Users = append(r.m.Reactions[idx].Users, actor)
		count = len(r.m.Reactions[idx].Users)
	} else {
		us := r.m.Reactions[idx].Users[:0]
		for _, u := range r.m.Reactions[idx].Users {
			if u != actor {
				us = append(us, u)
			}
		}
		r.m.Reactions[idx].Users = us
		count = len(us)
		if count == 0 {
			r.m.Reactions = append(r.m.Reactions[:idx], r.m.Reactions[idx+1:]...)
		}
	}
	w.groupEmit(g, &GroupReactionEvent{GroupID: group, UserID: actor, Seq: seq, MessageID: r.m.ID,
		FaceID: faceID, Type: typ, IsAdd: add, Count: count})
	return nil
}

// Group file area limits reported by GroupFileSystemInfo.
const (
	GroupFileLimitCount = 10000
	GroupFileTotalSpace = 10 << 30 // bytes
)

// FileSystemInfo summarises a group's file area.
type FileSystemInfo struct {
	FileCount   int
	FolderCount int
	LimitCount  int
	UsedSpace   int64
	TotalSpace  int64
}

// GroupFileSystemInfo returns a group's file-area totals.
func (w *World) GroupFileSystemInfo(group int64) (FileSystemInfo, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return FileSystemInfo{}, err
	}
	info := FileSystemInfo{FileCount: len(g.files), FolderCount: len(g.folders), LimitCount: GroupFileLimitCount, TotalSpace: GroupFileTotalSpace}
	for _, f := range g.files {
		info.UsedSpace += f.f.Size
	}
	return info, nil
}
