package adapter

import (
	"context"
	"log/slog"
	"slices"
	"strings"
)

// APIOptions configure the API backends (OneBotOnMilky, MilkyOnOneBot).
type APIOptions struct {
	// Logger receives, at debug level, the loss Report of every conversion
	// an API call made; nil logs nothing.
	Logger *slog.Logger
	// OnLoss, when set, is called with the action or API name and the
	// Report of every conversion that lost something. It must not block.
	OnLoss func(ctx context.Context, api string, r *Report)
}

// report logs and hands out a non-empty loss report.
func (o *APIOptions) report(ctx context.Context, api string, r *Report) {
	if o == nil || r.Empty() {
		return
	}
	if o.Logger != nil {
		o.Logger.LogAttrs(ctx, slog.LevelDebug, "adapter: conversion loss",
			slog.String("api", api), slog.Any("loss", r))
	}
	if o.OnLoss != nil {
		o.OnLoss(ctx, api, r)
	}
}

// Mapping is one row of an API table: how an action (or API) of one
// protocol is served by the other. Target names the API(s) it is served
// through; when it is empty, Missing says what the other protocol lacks and
// the backend answers the action with an error naming it.
type Mapping struct {
	Name    string
	Target  string
	Missing string
}

// Mapped reports whether the action is served.
func (m Mapping) Mapped() bool { return m.Target != "" }

// mappingTable merges a mapped and an unmapped list, sorted by name.
func mappingTable(mapped, unmapped map[string]string) []Mapping {
	out := make([]Mapping, 0, len(mapped)+len(unmapped))
	for n, t := range mapped {
		out = append(out, Mapping{Name: n, Target: t})
	}
	for n, m := range unmapped {
		out = append(out, Mapping{Name: n, Missing: m})
	}
	slices.SortFunc(out, func(a, b Mapping) int { return strings.Compare(a.Name, b.Name) })
	return out
}
