//go:build tools

// Package deps pins the module's dependencies in go.mod while the packages
// that use them are written in parallel, so `go mod tidy` in one branch does
// not drop a requirement another branch needs.
package deps

import (
	_ "github.com/goccy/go-json"
	_ "github.com/gorilla/websocket"
	_ "github.com/stretchr/testify/require"
	_ "go.etcd.io/bbolt"
	_ "go.uber.org/goleak"
)
