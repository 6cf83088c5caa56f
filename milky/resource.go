package milky

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// ErrBadURI is wrapped by the errors of the resource URI helpers.
var ErrBadURI = errors.New("milky: bad resource URI")

// FileURI returns the file:// URI of an absolute path on the
// implementation's machine (the implementation reads the file). Characters
// that are not allowed in a URI path are percent-encoded; a Windows path
// (C:\dir\f.png) becomes file:///C:/dir/f.png. A relative path is an error:
// it would be resolved against the implementation's working directory, not
// ours.
func FileURI(absPath string) (string, error) {
	p := filepath.ToSlash(absPath)
	win := len(p) >= 3 && p[1] == ':' && p[2] == '/' && isLetter(p[0])
	if !filepath.IsAbs(absPath) && !strings.HasPrefix(p, "/") && !win {
		return "", fmt.Errorf("%w: %q is not an absolute path", ErrBadURI, absPath)
	}
	if win {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String(), nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Base64URI returns data as a base64:// URI (standard encoding, padded).
func Base64URI(data []byte) string { return "base64://" + base64.StdEncoding.EncodeToString(data) }

// CheckURI reports whether uri uses one of the three schemes Milky accepts
// for outgoing resources: file://, http(s):// or base64://, with something
// after the scheme.
func CheckURI(uri string) error {
	for _, scheme := range []string{"file://", "http://", "https://", "base64://"} {
		if len(uri) > len(scheme) && strings.EqualFold(uri[:len(scheme)], scheme) {
			if scheme == "base64://" {
				if _, err := base64.StdEncoding.DecodeString(uri[len(scheme):]); err != nil {
					return fmt.Errorf("%w: base64 data: %w", ErrBadURI, err)
				}
			}
			return nil
		}
	}
	return fmt.Errorf("%w: %.40q is not file://, http(s):// or base64://", ErrBadURI, uri)
}
