package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/sim"
)

// Protocol names accepted by --protocol and DUOBOT_PROTOCOL.
const (
	protoOneBot11 = "onebot11"
	protoMilky    = "milky"
)

// connFlags are the flags naming an implementation: protocol, URL, token.
type connFlags struct {
	protocol, url, token string
}

func (c *connFlags) register(fs *flagSet) {
	fs.StringVar(&c.protocol, "protocol", "", "protocol `name`: onebot11 or milky (default: env "+envProtocol+", else inferred: see below)")
	fs.StringVar(&c.url, "url", "", "implementation `URL` (default: env "+envOneBot11URL+" or "+envMilkyURL+", else the \"duobot sim\" address)")
	fs.StringVar(&c.token, "token", "", "access `token` (default: env "+envOneBot11Token+" or "+envMilkyToken+", else "+envToken+")")
}

const connHelp = `Environment:
  ` + envProtocol + `        onebot11 or milky, when --protocol is not given
  ` + envOneBot11URL + `    OneBot 11 URL (default http://` + defaultOneBot11Addr + `, where "duobot sim" listens)
  ` + envMilkyURL + `       Milky URL (default http://` + defaultMilkyAddr + `)
  ` + envOneBot11Token + `  OneBot 11 access token
  ` + envMilkyToken + `     Milky access token
  ` + envToken + `           access token of both, when the protocol's own is not set
Without --protocol or ` + envProtocol + `, the protocol is the one whose URL variable
is set when only one is, else onebot11.`

// normalizeProtocol accepts a few spellings of the protocol names.
func normalizeProtocol(p string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "onebot11", "onebot", "ob11", "onebot-11", "11":
		return protoOneBot11, nil
	case "milky":
		return protoMilky, nil
	}
	return "", fmt.Errorf("unknown protocol %q (want onebot11 or milky)", p)
}

// resolve decides the protocol, URL and token. action, when not empty,
// helps infer the protocol: a name only one protocol has decides it.
// Otherwise the protocol is the one whose URL is configured in the
// environment when only one is, else onebot11.
func (c *connFlags) resolve(env *cmdEnv, action string) (proto, base, token string, err error) {
	p := c.protocol
	if p == "" {
		p = env.getenv(envProtocol)
	}
	if p != "" {
		if proto, err = normalizeProtocol(p); err != nil {
			return "", "", "", err
		}
	} else {
		proto = inferProtocol(env, action)
	}
	base = c.url
	if base == "" {
		if proto == protoMilky {
			base = env.getenv(envMilkyURL)
		} else {
			base = env.getenv(envOneBot11URL)
		}
	}
	if base == "" {
		if proto == protoMilky {
			base = "http://" + defaultMilkyAddr
		} else {
			base = "http://" + defaultOneBot11Addr
		}
	}
	u, perr := url.Parse(base)
	if perr != nil || u.Host == "" || !slices.Contains([]string{"http", "https", "ws", "wss"}, u.Scheme) {
		return "", "", "", fmt.Errorf("bad URL %q (want http://, https://, ws:// or wss:// with a host)", base)
	}
	token = c.token
	if token == "" {
		if proto == protoMilky {
			token = env.getenv(envMilkyToken)
		} else {
			token = env.getenv(envOneBot11Token)
		}
	}
	if token == "" {
		token = env.getenv(envToken)
	}
	return proto, base, token, nil
}

func inferProtocol(env *cmdEnv, action string) string {
	if action != "" {
		inOB, inMilky := isOneBot11Action(action), slices.Contains(milky.APINames, action)
		switch {
		case inMilky && !inOB:
			return protoMilky
		case inOB && !inMilky:
			return protoOneBot11
		}
	}
	obSet, milkySet := env.getenv(envOneBot11URL) != "", env.getenv(envMilkyURL) != ""
	if milkySet && !obSet {
		return protoMilky
	}
	return protoOneBot11
}

// isOneBot11Action reports whether the onebot11 client knows action
// (with or without the _async / _rate_limited suffix).
func isOneBot11Action(action string) bool {
	a := strings.TrimSuffix(strings.TrimSuffix(action, "_async"), "_rate_limited")
	return slices.Contains(sim.OneBot11Actions(), a) || slices.Contains(sim.OneBot11UnsupportedActions(), a) || a == ".handle_quick_operation"
}
