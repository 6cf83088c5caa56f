package sim

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// FileHandler serves the download and resource URLs the world hands out
// (see WithBaseURL): mount it at the base URL's path so that
//
//	/file/group/{group}/{file id}  serves a group file's content,
//	/file/private/{file id}        a private file's content,
//	/resource/{resource id}        a media resource: the data of a base64://
//	                               URI, or a redirect to an http(s):// URI.
//
// Anything else, or an unknown id, is 404. Only GET and HEAD are allowed.
func (b *OneBot11) FileHandler() http.Handler {
	return http.HandlerFunc(b.serveFile)
}

func (b *OneBot11) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Ids are path-escaped in the URLs, so the escaped path splits cleanly;
	// whatever precedes /file/ or /resource/ is the base URL's path.
	p := r.URL.EscapedPath()
	fi, ri := strings.Index(p, "/file/"), strings.Index(p, "/resource/")
	switch {
	case fi >= 0 && (ri < 0 || fi < ri):
		p = p[fi:]
	case ri >= 0:
		p = p[ri:]
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, part := range parts {
		u, err := url.PathUnescape(part)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		parts[i] = u
	}
	var data []byte
	var err error
	switch {
	case len(parts) == 4 && parts[0] == "file" && parts[1] == "group":
		g, perr := strconv.ParseInt(parts[2], 10, 64)
		if perr != nil {
			http.NotFound(w, r)
			return
		}
		data, err = b.w.GroupFileData(g, parts[3])
	case len(parts) == 3 && parts[0] == "file" && parts[1] == "private":
		data, err = b.w.PrivateFileData(parts[2])
	case len(parts) == 2 && parts[0] == "resource":
		res, rerr := b.w.Resource(parts[1])
		if rerr != nil {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasPrefix(res.URI, "base64://"):
			data, err = base64.StdEncoding.DecodeString(res.URI[len("base64://"):])
			if err != nil {
				http.Error(w, "resource data is not valid base64", http.StatusUnprocessableEntity)
				return
			}
		case strings.HasPrefix(res.URI, "http://") || strings.HasPrefix(res.URI, "https://"):
			http.Redirect(w, r, res.URI, http.StatusFound)
			return
		default:
			http.Error(w, "resource "+res.ID+" has no data the simulator can serve", http.StatusNotFound)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			http.NotFound(w, r)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", http.DetectContentType(data))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}
