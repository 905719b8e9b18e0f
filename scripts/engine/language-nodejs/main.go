// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi engine.
//
// Why it exists: the Go module proxy this project can reach serves pulumi's pkg/v3 and
// sdk/v3 but refuses the upstream language host module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3). The engine only needs
// a gRPC LanguageRuntime that starts @pulumi/pulumi's own Node entry points (cmd/run for
// programs, cmd/run-policy-pack for policy packs, cmd/run-plugin for plugins), so this host
// does exactly that and nothing more: all program semantics stay in the npm package.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"pulumi-hpecom/engine/codegen"
	"pulumi-hpecom/engine/langhost"
)

// version is set at link time to the engine version this host was built with.
var version = "3.248.0"

// exitCodeAlreadyReported is what @pulumi/pulumi's runners exit with after they have logged a
// user-actionable error themselves; the engine must then bail without adding its own message.
const exitCodeAlreadyReported = 32

func main() {
	engineAddress, options := parseArgs(os.Args[1:])
	langhost.Serve(&nodeHost{engineAddress: engineAddress, options: options})
}

// parseArgs accepts the engine's `-flag=value ... <engine address>` command line. Flags this
// host does not know (tracing, runtime options from Pulumi.yaml) are kept but not required.
func parseArgs(args []string) (string, map[string]string) {
	options := map[string]string{}
	engineAddress := ""
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") {
			key, value, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
			options[key] = value
			continue
		}
		engineAddress = arg
	}
	return engineAddress, options
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	options       map[string]string
}

func (h *nodeHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// GetRequiredPlugins reports no plugins: this project's programs only use dynamic providers,
// which the engine serves through the bundled pulumi-resource-pulumi-nodejs plugin.
func (h *nodeHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// InstallDependencies is a no-op: dependencies are installed by the project's own
// `npm ci`, never by the engine, so every run stays offline and reproducible.
func (h *nodeHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

func (h *nodeHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(string(out))}, nil
}

func (h *nodeHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// GeneratePackage writes a Node.js SDK for a schema (`pulumi package gen-sdk --language nodejs`).
func (h *nodeHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return codegen.GeneratePackage(ctx, "nodejs", req)
}

// Link adds the SDKs `pulumi package add` generated to the program's package.json, as upstream's
// host does with npm: a `file:` dependency, and its install scripts allowed (a local SDK compiles
// itself when installed). Installing it is `npm install`, as for every dependency of a program
// here: InstallDependencies installs nothing.
func (h *nodeHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var imports strings.Builder
	for _, dep := range req.GetPackages() {
		manifest, err := os.ReadFile(filepath.Join(dir, dep.GetPath(), "package.json"))
		if err != nil {
			return nil, fmt.Errorf("linking %s: %w", dep.GetPackage().GetName(), err)
		}
		var sdk struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(manifest, &sdk); err != nil || sdk.Name == "" {
			return nil, fmt.Errorf("linking %s: %s has no package name", dep.GetPackage().GetName(), dep.GetPath())
		}
		spec := "file:" + filepath.ToSlash(dep.GetPath())
		allow, err := allowedScripts(ctx, dir)
		if err != nil {
			return nil, err
		}
		allow[spec] = true
		allowJSON, err := json.Marshal(allow)
		if err != nil {
			return nil, err
		}
		for _, args := range [][]string{
			{"pkg", "set", fmt.Sprintf("dependencies[%s]=%s", sdk.Name, spec)},
			{"pkg", "set", "--json", "allowScripts=" + string(allowJSON)},
		} {
			if err := npm(ctx, dir, args...); err != nil {
				return nil, err
			}
		}
		fmt.Fprintf(&imports, "  import * as %s from \"%s\";\n", dep.GetPackage().GetName(), sdk.Name)
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "Run `npm install`, then import the SDK in your TypeScript code with:\n\n" + imports.String(),
	}, nil
}

// allowedScripts reads package.json's allowScripts (empty when there is none).
func allowedScripts(ctx context.Context, dir string) (map[string]bool, error) {
	cmd := exec.CommandContext(ctx, "npm", "pkg", "get", "allowScripts")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("npm pkg get allowScripts: %w: %s", err, out)
	}
	allow := map[string]bool{}
	_ = json.Unmarshal(out, &allow) // `{}` or nothing when unset
	return allow, nil
}

func npm(ctx context.Context, dir string, args ...string) error {
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Run executes a Pulumi program through @pulumi/pulumi/cmd/run.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runner, err := findRunner(programDir, "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{runner,
		"--monitor=" + req.GetMonitorAddress(),
		"--engine=" + h.engineAddress,
		"--project=" + req.GetProject(),
		"--stack=" + req.GetStack(),
		"--pwd=" + req.GetPwd(),
		"--root-directory=" + req.GetInfo().GetRootDirectory(),
		"--parallel=" + strconv.Itoa(int(req.GetParallel())),
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, entryPoint(req))
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, h.runtimeOptions(req.GetInfo()))
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAlreadyReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin starts a Node plugin (a policy pack, or a resource plugin) and streams its
// output back to the engine, which reads the plugin's port from the first stdout line.
func (h *nodeHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	entry := "run-plugin"
	if req.GetKind() == "analyzer" {
		entry = "run-policy-pack"
	}
	runner, err := findRunner(programDir, entry)
	if err != nil {
		return err
	}

	// As upstream's host does: run-policy-pack takes `<engine address> <program>`; run-plugin
	// takes `<program> <plugin arguments>` (the engine's address, for a resource plugin).
	args := []string{runner}
	if req.GetKind() == "analyzer" {
		args = append(append(args, req.GetArgs()...), programDir)
	} else {
		args = append(append(args, programDir), req.GetArgs()...)
	}
	cmd := exec.CommandContext(server.Context(), "node", args...)
	cmd.Dir = programDir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	if h.runtimeOptions(req.GetInfo())["typescript"] != "false" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}

	var sendLock sync.Mutex
	send := func(msg *pulumirpc.RunPluginResponse) error {
		sendLock.Lock()
		defer sendLock.Unlock()
		return server.Send(msg)
	}
	cmd.Stdout = streamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	})
	cmd.Stderr = streamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	})

	exitCode := int32(0)
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return err
		}
		exitCode = int32(exitErr.ExitCode())
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: exitCode}})
}

// runtimeOptions merges Pulumi.yaml's runtime options with those given on the command line.
func (h *nodeHost) runtimeOptions(info *pulumirpc.ProgramInfo) map[string]string {
	merged := map[string]string{}
	for k, v := range h.options {
		merged[k] = v
	}
	for k, v := range info.GetOptions().AsMap() {
		merged[k] = fmt.Sprint(v)
	}
	return merged
}

// entryPoint is the program argument of cmd/run: Pulumi.yaml's `main` relative to the program
// directory, or "." so that cmd/run resolves package.json `exports`/`main` itself.
func entryPoint(req *pulumirpc.RunRequest) string {
	info := req.GetInfo()
	if info.GetEntryPoint() != "" && info.GetEntryPoint() != "." {
		return filepath.Join(info.GetProgramDirectory(), info.GetEntryPoint())
	}
	return "."
}

// programEnv passes the stack's configuration the way @pulumi/pulumi reads it.
func programEnv(req *pulumirpc.RunRequest, options map[string]string) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	keys, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(keys),
	)
	if options["typescript"] != "false" {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig := options["tsconfig"]; tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env, nil
}

// findRunner locates @pulumi/pulumi/cmd/<name> the way Node resolves packages: in the
// node_modules of the directory or of any parent.
func findRunner(dir, name string) (string, error) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := start; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", name)
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("it looks like the Pulumi SDK has not been installed: "+
				"@pulumi/pulumi/cmd/%s was not found in any node_modules above %s; run `npm ci`", name, start)
		}
	}
}

// streamWriter adapts a send function to an io.Writer; it copies because gRPC may keep the slice.
type streamWriter func([]byte) error

func (w streamWriter) Write(p []byte) (int, error) {
	if err := w(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

var _ io.Writer = streamWriter(nil)
