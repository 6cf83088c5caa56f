package sim

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// MilkyMaxFetchBytes caps what [MilkyFetchURI] reads from an http(s) URI.
const MilkyMaxFetchBytes = 64 << 20

// MilkyFetchURI reads the content a Milky resource URI names: base64://
// data, a file:// path on this machine, or an http(s):// URL fetched with
// client (nil: http.DefaultClient) under ctx (at most MilkyMaxFetchBytes;
// a non-2xx answer is an error).
func MilkyFetchURI(ctx context.Context, client *http.Client, uri string) ([]byte, error) {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return nil, fmt.Errorf("sim: URI %.40q has no scheme", uri)
	}
	switch strings.ToLower(scheme) {
	case "base64":
		return base64.StdEncoding.DecodeString(rest)
	case "file":
		u, err := url.Parse(uri)
		if err != nil {
			return nil, fmt.Errorf("sim: file URI: %w", err)
		}
		p := u.Path
		if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
			p = p[1:] // file:///C:/x on Windows
		}
		return os.ReadFile(p)
	case "http", "https":
		if client == nil {
			client = http.DefaultClient
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, uri, nil)
		if err != nil {
			return nil, fmt.Errorf("sim: fetching %s: %w", uri, err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("sim: fetching %s: %w", uri, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return nil, fmt.Errorf("sim: fetching %s: HTTP %s", uri, resp.Status)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, MilkyMaxFetchBytes+1))
		if err != nil {
			return nil, fmt.Errorf("sim: fetching %s: %w", uri, err)
		}
		if len(data) > MilkyMaxFetchBytes {
			return nil, fmt.Errorf("sim: fetching %s: larger than %d bytes", uri, MilkyMaxFetchBytes)
		}
		return data, nil
	}
	return nil, fmt.Errorf("sim: URI scheme %q is not base64, file, http or https", scheme)
}

// FileHandler serves the download URLs the world hands out, relative to
// the world's base URL ([WithBaseURL]); mount it at that URL's path:
//
//	GET /file/group/{group_id}/{file_id}   a group file's content
//	GET /file/private/{file_id}            a private file's content
//	GET /resource/{resource_id}            a media resource seen in a message
//
// Files are served as attachments under their names. A resource sent as
// base64:// is served decoded; one sent as http(s):// is redirected to;
// one sent as file:// is served from the local file only with
// [MilkyOptions.ServeFileURIs] (404 otherwise). Serving a URL does not
// count a download (get_group_file_download_url does). Other paths and
// methods other than GET and HEAD answer 404 and 405.
func (b *MilkyBackend) FileHandler() http.Handler {
	return http.HandlerFunc(b.serveFile)
}

func (b *MilkyBackend) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	unescape := func(s string) (string, bool) {
		v, err := url.PathUnescape(s)
		return v, err == nil && v != ""
	}
	switch {
	case len(parts) == 4 && parts[0] == "file" && parts[1] == "group":
		gid, err := strconv.ParseInt(parts[2], 10, 64)
		id, ok := unescape(parts[3])
		if err != nil || !ok {
			break
		}
		f, err := b.w.GroupFile(gid, id)
		if err != nil {
			break
		}
		data, err := b.w.GroupFileData(gid, id)
		if err != nil {
			break
		}
		milkyServeContent(w, r, f.Name, f.UploadedTime, data, true)
		return
	case len(parts) == 3 && parts[0] == "file" && parts[1] == "private":
		id, ok := unescape(parts[2])
		if !ok {
			break
		}
		data, err := b.w.PrivateFileData(id)
		if err != nil {
			break
		}
		name, t := id, time.Time{}
		if f, ok := b.privateFile(id); ok {
			name, t = f.Name, f.Time
		}
		milkyServeContent(w, r, name, t, data, true)
		return
	case len(parts) == 2 && parts[0] == "resource":
		id, ok := unescape(parts[1])
		if !ok {
			break
		}
		res, err := b.w.Resource(id)
		if err != nil {
			break
		}
		b.serveResource(w, r, res)
		return
	}
	http.NotFound(w, r)
}

// privateFile returns a private file's metadata (the world has no getter
// for it; this reads the world's table under its lock).
func (b *MilkyBackend) privateFile(id string) (PrivateFile, bool) {
	b.w.mu.Lock()
	defer b.w.mu.Unlock()
	f, ok := b.w.privateFiles[id]
	if !ok {
		return PrivateFile{}, false
	}
	return f.f, true
}

func (b *MilkyBackend) serveResource(w http.ResponseWriter, r *http.Request, res Resource) {
	scheme, rest, _ := strings.Cut(res.URI, "://")
	switch strings.ToLower(scheme) {
	case "base64":
		data, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			http.Error(w, "resource data is not valid base64", http.StatusUnprocessableEntity)
			return
		}
		milkyServeContent(w, r, res.ID, time.Time{}, data, false)
		return
	case "http", "https":
		http.Redirect(w, r, res.URI, http.StatusFound)
		return
	case "file":
		if !b.opts.ServeFileURIs {
			break
		}
		data, err := MilkyFetchURI(r.Context(), nil, res.URI)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				break
			}
			http.Error(w, "reading resource: "+err.Error(), http.StatusInternalServerError)
			return
		}
		milkyServeContent(w, r, path.Base(res.URI), time.Time{}, data, false)
		return
	}
	http.NotFound(w, r)
}

// milkyServeContent writes data with a sniffed content type (and as an
// attachment named name when attach).
func milkyServeContent(w http.ResponseWriter, r *http.Request, name string, mod time.Time, data []byte, attach bool) {
	h := w.Header()
	if attach {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", http.DetectContentType(data))
	}
	http.ServeContent(w, r, "", mod, bytes.NewReader(data))
}
