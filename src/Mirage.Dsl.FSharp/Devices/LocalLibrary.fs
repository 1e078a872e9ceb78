namespace Mirage

open System
open System.IO
open Mirage.Engine.Model

/// Library projects beside a config that its main module uses (upstream's <c>~local_libs</c>).
module internal LocalLibrary =

    let private projectExtensions = [ ".csproj"; ".fsproj"; ".vbproj" ]

    /// The ProjectReference the generated project gets for the library project `path` (relative to
    /// the config). A path that is not a project file, or names none where the config is, is a
    /// configuration error.
    let reference (location: SourceLocation | null) (path: string) : ProjectItem =
        let where = Location.describe location

        if String.IsNullOrWhiteSpace path then
            invalidArg "local_libs" $"{where}: a local library needs the path of its project, relative to the config"

        if Path.IsPathRooted path then
            invalidArg "local_libs" $"{where}: local library '{path}' must be relative to the config's folder"

        let extension = Path.GetExtension(path).ToLowerInvariant()

        if not (List.contains extension projectExtensions) then
            invalidArg
                "local_libs"
                $"{where}: local library '{path}' is not a project file (expected a path ending in .csproj, .fsproj or .vbproj)"

        match location with
        | null -> ()
        | l ->
            let project = Path.Combine(Path.GetDirectoryName l.File, path)

            if not (File.Exists project) then
                invalidArg "local_libs" $"{where}: local library project '{path}' not found (looked for {project})"

        ProjectItem("ProjectReference", path.Replace('\\', '/'))
