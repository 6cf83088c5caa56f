package sim

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

func TestMilkyFileAPIs(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()
	self := e.w.SelfID()
	dev := DemoGroupDev

	// Private file from base64.
	up, err := e.c.UploadPrivateFile(ctx, &milky.UploadPrivateFileParams{UserID: DemoAlice, FileURI: milky.Base64URI([]byte("hello alice")), FileName: "hi.txt"})
	require.NoError(t, err)
	fu := mkNext[*milky.FriendFileUploadEvent](e)
	assert.Equal(t, DemoAlice, fu.Data.UserID)
	assert.Equal(t, up.FileID, fu.Data.FileID)
	assert.Equal(t, "hi.txt", fu.Data.FileName)
	assert.Equal(t, int64(11), fu.Data.FileSize)
	assert.True(t, fu.Data.IsSelf)
	data, err := e.w.PrivateFileData(up.FileID)
	require.NoError(t, err)
	assert.Equal(t, "hello alice", string(data))
	dl, err := e.c.GetPrivateFileDownloadURL(ctx, &milky.GetPrivateFileDownloadURLParams{UserID: DemoAlice, FileID: up.FileID, FileHash: fu.Data.FileHash})
	require.NoError(t, err)
	code, body, hdr := e.get(dl.DownloadURL)
	assert.Equal(t, 200, code)
	assert.Equal(t, "hello alice", string(body))
	assert.Contains(t, hdr.Get("Content-Disposition"), `filename=hi.txt`)
	_, err = e.c.GetPrivateFileDownloadURL(ctx, &milky.GetPrivateFileDownloadURLParams{UserID: DemoAlice, FileID: up.FileID, FileHash: "00"})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	_, err = e.c.GetPrivateFileDownloadURL(ctx, &milky.GetPrivateFileDownloadURLParams{UserID: DemoBob, FileID: up.FileID})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	_, err = e.c.UploadPrivateFile(ctx, &milky.UploadPrivateFileParams{UserID: DemoDave, FileURI: milky.Base64URI([]byte("x")), FileName: "x"})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// A friend sends a file.
	pf, err := e.w.UserUploadPrivateFile(DemoBob, "report.pdf", []byte("%PDF-1.4"))
	require.NoError(t, err)
	fu = mkNext[*milky.FriendFileUploadEvent](e)
	assert.Equal(t, milky.FriendFileUploadEventData{UserID: DemoBob, FileID: pf.ID, FileName: "report.pdf", FileSize: 8, FileHash: pf.Hash, IsSelf: false}, fu.Data)

	// Group files from a local file and from an HTTP URL.
	dir := t.TempDir()
	local := filepath.Join(dir, "notes.md")
	require.NoError(t, os.WriteFile(local, []byte("# notes"), 0o600))
	uri, err := milky.FileURI(local)
	require.NoError(t, err)
	gup, err := e.c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: dev, FileURI: uri, FileName: "notes.md"})
	require.NoError(t, err)
	gu := mkNext[*milky.GroupFileUploadEvent](e)
	assert.Equal(t, milky.GroupFileUploadEventData{GroupID: dev, UserID: self, FileID: gup.FileID, FileName: "notes.md", FileSize: 7}, gu.Data)

	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/data.bin" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte{1, 2, 3})
	}))
	defer remote.Close()
	fo, err := e.c.CreateGroupFolder(ctx, &milky.CreateGroupFolderParams{GroupID: dev, FolderName: "bins"})
	require.NoError(t, err)
	hup, err := e.c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: dev, ParentFolderID: mkPtr(fo.FolderID), FileURI: remote.URL + "/data.bin", FileName: "data.bin"})
	require.NoError(t, err)
	mkNext[*milky.GroupFileUploadEvent](e)
	_, err = e.c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: dev, FileURI: remote.URL + "/missing", FileName: "m"})
	ae := mkAPIErr(t, err, MilkyRetcodeInternal)
	assert.Contains(t, ae.Message, "404")
	_, err = e.c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: dev, FileURI: "gopher://x", FileName: "m"})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	_, err = e.c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: 30099, FileURI: milky.Base64URI(nil), FileName: "m"})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	e.none()

	// Listing.
	root, err := e.c.GetGroupFiles(ctx, &milky.GetGroupFilesParams{GroupID: dev})
	require.NoError(t, err)
	require.Len(t, root.Files, 1)
	require.Len(t, root.Folders, 1)
	assert.Equal(t, "notes.md", root.Files[0].FileName)
	assert.Equal(t, "/", root.Files[0].ParentFolderID)
	assert.Equal(t, self, root.Files[0].UploaderID)
	assert.Equal(t, fo.FolderID, root.Folders[0].FolderID)
	assert.Equal(t, "bins", root.Folders[0].FolderName)
	assert.Equal(t, int64(1), root.Folders[0].FileCount)
	assert.Equal(t, "/", root.Folders[0].ParentFolderID)
	sub, err := e.c.GetGroupFiles(ctx, &milky.GetGroupFilesParams{GroupID: dev, ParentFolderID: mkPtr(fo.FolderID)})
	require.NoError(t, err)
	require.Len(t, sub.Files, 1)
	assert.Equal(t, hup.FileID, sub.Files[0].FileID)
	assert.Equal(t, int64(3), sub.Files[0].FileSize)
	_, err = e.c.GetGroupFiles(ctx, &milky.GetGroupFilesParams{GroupID: dev, ParentFolderID: mkPtr("/nope")})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// Download counts.
	gdl, err := e.c.GetGroupFileDownloadURL(ctx, &milky.GetGroupFileDownloadURLParams{GroupID: dev, FileID: hup.FileID})
	require.NoError(t, err)
	code, body, _ = e.get(gdl.DownloadURL)
	assert.Equal(t, 200, code)
	assert.Equal(t, []byte{1, 2, 3}, body)
	gf, err := e.w.GroupFile(dev, hup.FileID)
	require.NoError(t, err)
	assert.Equal(t, 1, gf.DownloadedTimes)

	// Move, rename, delete.
	mkAPIErr(t, e.c.MoveGroupFile(ctx, &milky.MoveGroupFileParams{GroupID: dev, FileID: gup.FileID, ParentFolderID: mkPtr(fo.FolderID), TargetFolderID: mkPtr(fo.FolderID)}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.MoveGroupFile(ctx, &milky.MoveGroupFileParams{GroupID: dev, FileID: gup.FileID, TargetFolderID: mkPtr(fo.FolderID)}))
	gf, err = e.w.GroupFile(dev, gup.FileID)
	require.NoError(t, err)
	assert.Equal(t, fo.FolderID, gf.FolderID)
	mkAPIErr(t, e.c.RenameGroupFile(ctx, &milky.RenameGroupFileParams{GroupID: dev, FileID: gup.FileID, NewFileName: "x"}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.RenameGroupFile(ctx, &milky.RenameGroupFileParams{GroupID: dev, FileID: gup.FileID, ParentFolderID: mkPtr(fo.FolderID), NewFileName: "NOTES.md"}))
	gf, err = e.w.GroupFile(dev, gup.FileID)
	require.NoError(t, err)
	assert.Equal(t, "NOTES.md", gf.Name)
	require.NoError(t, e.c.RenameGroupFolder(ctx, &milky.RenameGroupFolderParams{GroupID: dev, FolderID: fo.FolderID, NewFolderName: "stuff"}))
	_, folders, err := e.w.GroupFiles(dev, RootFolder)
	require.NoError(t, err)
	require.Len(t, folders, 1)
	assert.Equal(t, "stuff", folders[0].Name)
	require.NoError(t, e.c.DeleteGroupFile(ctx, &milky.DeleteGroupFileParams{GroupID: dev, FileID: hup.FileID}))
	_, err = e.w.GroupFile(dev, hup.FileID)
	require.ErrorIs(t, err, ErrNotFound)
	mkAPIErr(t, e.c.DeleteGroupFile(ctx, &milky.DeleteGroupFileParams{GroupID: dev, FileID: hup.FileID}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.DeleteGroupFolder(ctx, &milky.DeleteGroupFolderParams{GroupID: dev, FolderID: fo.FolderID}))
	files, folders, err := e.w.GroupFiles(dev, RootFolder)
	require.NoError(t, err)
	assert.Empty(t, files)
	assert.Empty(t, folders)
	code, _, _ = e.get(gdl.DownloadURL)
	assert.Equal(t, 404, code)

	// A member cannot create folders in a group where it is not admin.
	_, err = e.w.AddGroup(Group{ID: 30012, Name: "plain", OwnerID: DemoCarol})
	require.NoError(t, err)
	_, err = e.w.AddMember(Member{GroupID: 30012, UserID: self})
	require.NoError(t, err)
	_, err = e.c.CreateGroupFolder(ctx, &milky.CreateGroupFolderParams{GroupID: 30012, FolderName: "x"})
	mkAPIErr(t, err, MilkyRetcodePermissionDenied)

	// A member's upload.
	mf, err := e.w.UserUploadGroupFile(dev, DemoDave, RootFolder, "dave.txt", []byte("d"))
	require.NoError(t, err)
	gu = mkNext[*milky.GroupFileUploadEvent](e)
	assert.Equal(t, milky.GroupFileUploadEventData{GroupID: dev, UserID: DemoDave, FileID: mf.ID, FileName: "dave.txt", FileSize: 1}, gu.Data)
	e.none()
}

func TestMilkyFileHandler(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "pic.png")
	require.NoError(t, os.WriteFile(local, []byte("\x89PNG\r\n\x1a\nlocal"), 0o600))
	uri, err := milky.FileURI(local)
	require.NoError(t, err)

	for _, serve := range []bool{false, true} {
		e := newMkEnv(t, func(c *mkConfig) { c.opts.ServeFileURIs = serve })
		_, err = e.c.SendGroupMessage(t.Context(), &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Image(uri)}})
		require.NoError(t, err)
		recv := mkNext[*milky.MessageReceiveEvent](e)
		img := recv.Data.Segments[0].(*milky.IncomingImageSegment)
		code, body, _ := e.get(img.TempURL)
		if serve {
			assert.Equal(t, 200, code)
			assert.Equal(t, "\x89PNG\r\n\x1a\nlocal", string(body))
		} else {
			assert.Equal(t, 404, code, "file:// resources are not served by default")
		}

		for _, p := range []string{"/file/group/30001/nope", "/file/group/x/y", "/file/private/nope", "/resource/nope", "/resource/", "/file/other"} {
			code, _, _ := e.get(e.hs.URL + p)
			assert.Equal(t, 404, code, p)
		}
		resp, err := http.Post(img.TempURL, "text/plain", nil)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, 405, resp.StatusCode)
	}
}

func TestMilkyFetchURI(t *testing.T) {
	ctx := t.Context()
	b, err := MilkyFetchURI(ctx, nil, "base64://aGk=")
	require.NoError(t, err)
	assert.Equal(t, "hi", string(b))
	_, err = MilkyFetchURI(ctx, nil, "base64://!!")
	require.Error(t, err)
	_, err = MilkyFetchURI(ctx, nil, "no-scheme")
	require.Error(t, err)
	_, err = MilkyFetchURI(ctx, nil, "file:///definitely/not/here")
	require.ErrorIs(t, err, os.ErrNotExist)
	_, err = MilkyFetchURI(ctx, nil, "ftp://x/y")
	require.Error(t, err)
}

func TestMilkyCustomFetchURI(t *testing.T) {
	w := New(WithSeed(3))
	require.NoError(t, w.SeedDemo())
	var asked []string
	b := NewMilkyBackend(w, &MilkyOptions{FetchURI: func(_ context.Context, uri string) ([]byte, error) {
		asked = append(asked, uri)
		if uri == "https://example.invalid/deny" {
			return nil, errors.New("denied")
		}
		return []byte("fetched"), nil
	}})
	res, err := b.UploadPrivateFile(t.Context(), &milky.UploadPrivateFileParams{UserID: DemoAlice, FileURI: "https://example.invalid/x", FileName: "x"})
	require.NoError(t, err)
	data, err := w.PrivateFileData(res.FileID)
	require.NoError(t, err)
	assert.Equal(t, "fetched", string(data))
	_, err = b.UploadGroupFile(t.Context(), &milky.UploadGroupFileParams{GroupID: DemoGroupDev, FileURI: "https://example.invalid/deny", FileName: "y"})
	ae := mkAPIErr(t, err, MilkyRetcodeInternal)
	assert.Contains(t, ae.Message, "denied")
	assert.Equal(t, []string{"https://example.invalid/x", "https://example.invalid/deny"}, asked)
}
