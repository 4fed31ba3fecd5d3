// compose-check loads Compose files the way `docker compose config` does (compose-go, the loader
// the Docker CLI uses) and prints the resolved project as JSON: it fails on what the specification's
// schema refuses, on references to services that do not exist, and on required variables (${VAR:?})
// that the env file leaves unset. Only the given env file is read, never this process's environment,
// so that a result does not depend on the machine.
//
//	compose-check -env-file .env.example docker-compose.yml [docker-compose.gpu.yml ...]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	envFile := flag.String("env-file", "", "the only source of variables (default: none)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: compose-check [-env-file FILE] COMPOSE_FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := check(files, *envFile); err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
}

func check(files []string, envFile string) error {
	options := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(filepath.Dir(files[0])),
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(false),
	}
	if envFile != "" {
		options = append(options, cli.WithEnvFiles(envFile), cli.WithDotEnv)
	}
	projectOptions, err := cli.NewProjectOptions(files, options...)
	if err != nil {
		return err
	}
	project, err := projectOptions.LoadProject(context.Background())
	if err != nil {
		return err
	}
	out, err := project.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(out, '\n'))
	return err
}
