package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runGoProgram builds the Go program in the program directory and runs it, as upstream's
// pulumi-language-go does: the Go SDK's pulumi.Run reads the run's settings from the environment.
// Its output goes to this host's stdout and stderr, which the engine shows.
func runGoProgram(ctx context.Context, engineAddress string, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	out, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	binary := filepath.Join(out, "program")
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK=off")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("building the Go program in %s failed: %v", dir, err)}, nil
	}

	env, err := programEnv(engineAddress, req)
	if err != nil {
		return nil, err
	}
	program := exec.CommandContext(ctx, binary)
	program.Dir = req.GetPwd()
	program.Env = env
	program.Stdout, program.Stderr = os.Stdout, os.Stderr
	if err := program.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			// The SDK has reported the program's error to the engine already.
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("the Go program exited with code %d", exit.ExitCode()), Bail: true}, nil
		}
		return nil, err
	}
	return &pulumirpc.RunResponse{}, nil
}

// programEnv is the run's settings as the Go SDK reads them.
func programEnv(engineAddress string, req *pulumirpc.RunRequest) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	env := os.Environ()
	set := func(key, value string) {
		if value != "" {
			env = append(env, key+"="+value)
		}
	}
	set(pulumi.EnvOrganization, req.GetOrganization())
	set(pulumi.EnvProject, req.GetProject())
	set(pulumi.EnvPulumiRootDirectory, req.GetInfo().GetRootDirectory())
	set(pulumi.EnvStack, req.GetStack())
	set(pulumi.EnvConfig, string(config))
	set(pulumi.EnvConfigSecretKeys, string(secretKeys))
	set(pulumi.EnvDryRun, strconv.FormatBool(req.GetDryRun()))
	set(pulumi.EnvParallel, strconv.Itoa(int(req.GetParallel())))
	set(pulumi.EnvMonitor, req.GetMonitorAddress())
	set(pulumi.EnvEngine, engineAddress)
	return env, nil
}
