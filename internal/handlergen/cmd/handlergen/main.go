// Command handlergen writes onebot11's handler_actions_gen.go (see package
// internal/handlergen). With no argument it works on the current directory,
// where go generate runs it; -check reports without writing whether the file
// is current (exit status 1 if not).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/duobot/duobot/internal/handlergen"
)

func main() {
	check := flag.Bool("check", false, "report whether the generated file is current, without writing")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	status := 0
	for _, dir := range dirs {
		if *check {
			ok, err := handlergen.Current(dir)
			if err != nil {
				fmt.Fprintln(os.Stderr, "handlergen:", err)
				os.Exit(2)
			}
			if !ok {
				fmt.Fprintf(os.Stderr, "handlergen: %s/%s is not current; run go generate\n", dir, handlergen.FileName)
				status = 1
			}
			continue
		}
		if err := handlergen.Write(dir); err != nil {
			fmt.Fprintln(os.Stderr, "handlergen:", err)
			os.Exit(2)
		}
	}
	os.Exit(status)
}
