//! Bytes to typed model, with a diagnostic for every problem and no early exit.
//!
//! [`load`] reads `netsot.yaml`, then every data and device-type file, parses the files in
//! parallel into spanned trees (`yaml.rs`), and deserializes each object on its own
//! (`de.rs`), so one bad object costs only itself. The result is always a model plus
//! diagnostics; an error in the input never aborts loading.

pub mod de;
mod de_error;
mod events;
pub mod yaml;

use rayon::prelude::*;

use crate::diag::{codes, Diagnostic, FileId, Location, Severity, SourceFile, SourceMap, Span};
use crate::model::config::Config;
use crate::model::device_type::{DeviceType, ModuleType};
use crate::model::Text;
use crate::model::{CollectionLoader, Keyed, Model, Obj, COLLECTIONS};
use crate::source::{Access, FileProblem, RawFile, Skip, Source, SourceError, CONFIG_FILE};
use crate::timing::Timings;
use yaml::{Node, NodeKind, YamlError};

/// Everything read from a repository.
pub struct Loaded {
    pub files: SourceMap,
    pub config: Config,
    pub config_file: Option<FileId>,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// The seconds since the epoch of the compiled commit, if any.
    pub commit_time: Option<i64>,
    /// The compiled commit's id in hex, if any, and the repository's folder inside its
    /// checkout, for links from outputs back to the source (`source_url`).
    pub commit: Option<String>,
    pub repo_prefix: String,
    /// The user's templates: their names relative to the templates folder, sorted.
    pub templates: Vec<(String, FileId)>,
}

const YAML_EXTENSIONS: &[&str] = &[".yaml", ".yml"];

/// The file names read from the templates folder.
pub const TEMPLATE_EXTENSIONS: &[&str] = &[".j2", ".jinja", ".jinja2", ".tmpl", ".tpl"];

/// Loads a repository. Fails only when there is no repository to load (exit code 2).
pub fn load(source: &Source, timings: &Timings) -> Result<Loaded, SourceError> {
    let mut files = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut step = timings.steps("load");

    let config_bytes = source
        .read_config()?
        .ok_or_else(|| SourceError::new(format!("no `{CONFIG_FILE}` in {}", source.describe())))?;
    let (config, config_file) = load_config(config_bytes, &mut files, &mut diagnostics);
    let limit = config
        .limits
        .max_file_bytes
        .value
        .min(crate::model::config::MAX_FILE_BYTES_CEILING);

    // Data files, then device types, each sorted by path, so FileIds and diagnostics are stable.
    let mut raw_data = Vec::new();
    for path in &config.data {
        if let Some(diagnostic) = refused(source, config_file, path, "data") {
            diagnostics.push(diagnostic);
            continue;
        }
        raw_data.extend(source.collect(&path.value, YAML_EXTENSIONS, limit)?);
    }
    let mut raw_types = Vec::new();
    match &config.device_types {
        Some(paths) => {
            for path in paths {
                if let Some(diagnostic) = refused(source, config_file, path, "device-type") {
                    diagnostics.push(diagnostic);
                    continue;
                }
                raw_types.extend(source.collect(&path.value, YAML_EXTENSIONS, limit)?);
            }
        }
        None => {
            if source.exists("device-types") {
                raw_types.extend(source.collect("device-types", YAML_EXTENSIONS, limit)?);
            }
        }
    }
    let mut raw_modules = Vec::new();
    match &config.module_types {
        Some(paths) => {
            for path in paths {
                if let Some(diagnostic) = refused(source, config_file, path, "module-type") {
                    diagnostics.push(diagnostic);
                    continue;
                }
                raw_modules.extend(source.collect(&path.value, YAML_EXTENSIONS, limit)?);
            }
        }
        None => {
            if source.exists("module-types") {
                raw_modules.extend(source.collect("module-types", YAML_EXTENSIONS, limit)?);
            }
        }
    }
    dedup_paths(&mut raw_data);
    dedup_paths(&mut raw_types);
    dedup_paths(&mut raw_modules);
    // A file reached both ways (the library's `module-types/` inside a device-type folder
    // and a `module_types` folder) is read once, as a module type.
    raw_types.retain(|f| {
        raw_modules
            .binary_search_by(|m| m.path.cmp(&f.path))
            .is_err()
    });

    // Templates are read with the data, so a git revision renders its own templates.
    let default_templates = crate::model::Spanned::new("templates".to_string(), Span::default());
    let template_dir = config.templates.as_ref().unwrap_or(&default_templates);
    let mut raw_templates = Vec::new();
    if source.access(&template_dir.value) == Access::OutsideRefused {
        diagnostics.push(outside(config_file, template_dir, "templates"));
    } else if source.exists(&template_dir.value) {
        raw_templates = source.collect(&template_dir.value, TEMPLATE_EXTENSIONS, limit)?;
    } else if config.templates.is_some() {
        diagnostics.push(missing_path(
            config_file,
            template_dir.span,
            &template_dir.value,
            "templates",
        ));
    }
    dedup_paths(&mut raw_templates);
    // Collected paths are normalised (`./templates/` gives `templates/...`); outside ones
    // keep the configured spelling.
    let prefix = match source.access(&template_dir.value) {
        Access::Inside => format!("{}/", crate::source::normalize(&template_dir.value)),
        _ => format!("{}/", template_dir.value.trim_end_matches('/')),
    };
    let template_names: Vec<String> = raw_templates
        .iter()
        .map(|f| f.path.strip_prefix(&prefix).unwrap_or(&f.path).to_string())
        .collect();

    step.done("read");
    let data_ids = register(raw_data, &mut files, &mut diagnostics);
    let type_ids = register(raw_types, &mut files, &mut diagnostics);
    let module_ids = register(raw_modules, &mut files, &mut diagnostics);
    let template_paths: Vec<String> = raw_templates.iter().map(|f| f.path.clone()).collect();
    let template_ids = register(raw_templates, &mut files, &mut diagnostics);
    let templates = template_ids
        .into_iter()
        .filter_map(|id| {
            let path = &files.get(id).path;
            let at = template_paths.iter().position(|p| p == path)?;
            Some((template_names[at].clone(), id))
        })
        .collect();

    step.done("register");
    let jobs: Vec<(FileId, FileKind)> = data_ids
        .into_iter()
        .map(|id| (id, FileKind::Data))
        .chain(type_ids.into_iter().map(|id| (id, FileKind::Library)))
        .chain(module_ids.into_iter().map(|id| (id, FileKind::Module)))
        .collect();
    let parts: Vec<(Model, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|&(id, kind)| {
            let file = files.get(id);
            let kind =
                if kind == FileKind::Library && file.path.split('/').any(|c| c == "module-types") {
                    FileKind::Module
                } else {
                    kind
                };
            load_file(id, &file.text, kind)
        })
        .collect();

    step.done("parse");
    let mut models = Vec::with_capacity(parts.len());
    for (part, part_diagnostics) in parts {
        models.push(part);
        diagnostics.extend(part_diagnostics);
    }
    let model = Model::concat(models);
    step.done("gather");
    Ok(Loaded {
        files,
        config,
        config_file: Some(config_file),
        model,
        diagnostics,
        commit_time: source.commit_time(),
        commit: source.commit_id(),
        repo_prefix: source.repo_prefix(),
        templates,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Data,
    Library,
    Module,
}

fn dedup_paths(files: &mut Vec<RawFile>) {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
}

/// The diagnostic for a configured path that is not read: outside the repository without
/// the user's permission, or missing.
fn refused(source: &Source, file: FileId, path: &Text, what: &str) -> Option<Diagnostic> {
    if source.access(&path.value) == Access::OutsideRefused {
        return Some(outside(file, path, what));
    }
    (!source.exists(&path.value)).then(|| missing_path(file, path.span, &path.value, what))
}

fn outside(file: FileId, path: &Text, what: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::PATH_OUTSIDE_REPOSITORY,
        format!(
            "the {what} path `{}` is outside the repository",
            crate::diag::quote(&path.value)
        ),
    )
    .at(Location::new(file, path.span))
    .with_help(
        "nothing was read from it; keep the files in the repository, or, if you trust this \
         repository, allow the folder with `--allow-outside DIR`",
    )
}

fn missing_path(file: FileId, span: Span, path: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::MISSING_PATH,
        format!("the {what} path `{path}` does not exist"),
    )
    .at(Location::new(file, span))
}

/// Adds files to the source map; files that could not be read or are not UTF-8 get a
/// diagnostic and no id. Decoding and line tables are made on all threads; ids are given
/// in order.
fn register(
    raw: Vec<RawFile>,
    files: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FileId> {
    /// A file decoded, and what was wrong with it.
    enum Problem {
        None,
        Utf8 { offset: usize },
        Read(FileProblem),
    }
    let decoded: Vec<(SourceFile, Problem)> = raw
        .into_par_iter()
        .map(|file| match file.content {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => (SourceFile::new(file.path, text), Problem::None),
                Err(error) => {
                    let offset = error.utf8_error().valid_up_to();
                    // Keep the text up to the bad byte so the diagnostic can show the line.
                    let mut valid = error.into_bytes();
                    valid.truncate(offset);
                    let valid = String::from_utf8(valid).unwrap_or_default();
                    (SourceFile::new(file.path, valid), Problem::Utf8 { offset })
                }
            },
            Err(problem) => (
                SourceFile::new(file.path, String::new()),
                Problem::Read(problem),
            ),
        })
        .collect();
    let mut ids = Vec::with_capacity(decoded.len());
    for (file, problem) in decoded {
        let path = file.path.clone();
        let id = files.push(file);
        let location = Location::new(id, Span::default());
        diagnostics.push(match problem {
            Problem::None => {
                ids.push(id);
                continue;
            }
            Problem::Utf8 { offset } => Diagnostic::new(
                &codes::INVALID_UTF8,
                format!("`{path}` is not valid UTF-8 (byte {offset})"),
            )
            .at(Location::new(id, Span::new(offset as u32, offset as u32)))
            .with_help("save the file as UTF-8"),
            Problem::Read(FileProblem::Io(message)) => {
                Diagnostic::new(&codes::IO_ERROR, format!("cannot read `{path}`: {message}")).at(location)
            }
            Problem::Read(FileProblem::TooLarge { size, limit }) => Diagnostic::new(
                &codes::FILE_TOO_LARGE,
                format!("`{path}` is {size} bytes, above the limit of {limit}"),
            )
            .at(location)
            .with_help("split the file (one per site or rack), or raise `limits.max_file_bytes` in netsot.yaml"),
            Problem::Read(FileProblem::SymlinkOutside { target }) => Diagnostic::new(
                &codes::SYMLINK_OUTSIDE_REPOSITORY,
                format!(
                    "`{path}` links to `{}`, outside the repository",
                    crate::diag::quote(&target)
                ),
            )
            .at(location)
            .with_help("copy the file into the repository; links must stay inside it"),
            Problem::Read(FileProblem::Skipped(skip)) => {
                let (message, help) = match skip {
                    Skip::TooDeep => (
                        format!(
                            "`{path}` is more than {} folders deep; its files are not read",
                            crate::source::MAX_FOLDER_DEPTH
                        ),
                        "move the files to a shallower folder".to_string(),
                    ),
                    Skip::Submodule => (
                        format!("`{path}` is a git submodule; its files are not read"),
                        "copy the files into the repository (a submodule's files are not part of the commit)".to_string(),
                    ),
                    Skip::AlreadyRead { first } => (
                        format!("`{path}` is the folder `{first}`, already read"),
                        "remove the symlink; each folder is read once".to_string(),
                    ),
                };
                Diagnostic::new(&codes::FOLDER_SKIPPED, message)
                    .at(location)
                    .with_help(help)
            }
        });
    }
    ids
}

/// Parses a file's text into a tree in `arena`, turning YAML problems into diagnostics.
pub fn parse_tree<'a>(
    file: FileId,
    text: &'a str,
    arena: &'a bumpalo::Bump,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node<'a>> {
    match yaml::parse(text, arena) {
        Ok(parsed) => {
            for duplicate in parsed.duplicate_keys {
                diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_KEY,
                        format!("duplicate key `{}`", crate::diag::quote(&duplicate.key)),
                    )
                    .at(Location::new(file, duplicate.second))
                    .with_secondary(Location::new(file, duplicate.first), "first defined here")
                    .with_help("remove one of them; the first is kept"),
                );
            }
            parsed.root
        }
        Err(error) => {
            diagnostics.push(match error {
                YamlError::Syntax { message, span } => {
                    Diagnostic::new(&codes::INVALID_YAML, message).at(Location::new(file, span))
                }
                YamlError::TooDeep { span } => Diagnostic::new(
                    &codes::YAML_TOO_COMPLEX,
                    format!("nesting deeper than {} levels", yaml::MAX_DEPTH),
                )
                .at(Location::new(file, span)),
                YamlError::AliasBudget { span } => Diagnostic::new(
                    &codes::YAML_TOO_COMPLEX,
                    "aliases expand to too many nodes (an alias bomb?)",
                )
                .at(Location::new(file, span)),
                YamlError::UnknownAlias { span } => {
                    Diagnostic::new(&codes::INVALID_YAML, "alias to an unknown anchor")
                        .at(Location::new(file, span))
                }
            });
            None
        }
    }
}

fn load_config(
    bytes: Vec<u8>,
    files: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Config, FileId) {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let id = files.add(CONFIG_FILE.to_string(), text);
    let default = || Config {
        version: crate::model::Spanned::new(1, Span::default()),
        data: vec![crate::model::Spanned::new(
            "data/".to_string(),
            Span::default(),
        )],
        device_types: None,
        module_types: None,
        templates: None,
        policy: Default::default(),
        limits: Default::default(),
        outputs: Vec::new(),
    };
    let text = files.get(id).text.clone();
    let arena = bumpalo::Bump::new();
    let Some(root) = parse_tree(id, &text, &arena, diagnostics) else {
        return (default(), id);
    };
    let context = de::Context::new(id, Severity::Error);
    let config = match de::from_node::<Config>(&root, &context) {
        Ok(config) => {
            if config.version.value != 1 {
                diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        format!("unsupported version {}", config.version.value),
                    )
                    .at(Location::new(id, config.version.span))
                    .with_help("this netsot reads `version: 1`"),
                );
            }
            let max_file_bytes = &config.limits.max_file_bytes;
            if max_file_bytes.value > crate::model::config::MAX_FILE_BYTES_CEILING {
                diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        format!(
                            "`limits.max_file_bytes` is {}, above the ceiling of {} bytes (256 MiB)",
                            max_file_bytes.value,
                            crate::model::config::MAX_FILE_BYTES_CEILING
                        ),
                    )
                    .at(Location::new(id, max_file_bytes.span))
                    .with_help("split large files (one per site or rack); files above the ceiling are not read"),
                );
            }
            config
        }
        Err(error) => {
            diagnostics.push(error.to_diagnostic(id, root.span));
            default()
        }
    };
    diagnostics.extend(context.diagnostics.into_inner());
    (config, id)
}

struct ItemLoader<'a, 't> {
    context: &'a de::Context,
    diagnostics: &'a mut Vec<Diagnostic>,
    failed: &'a mut Vec<(&'static str, String)>,
    /// The tree whose nodes it loads.
    tree: std::marker::PhantomData<Node<'t>>,
}

impl<'t> CollectionLoader for ItemLoader<'_, 't> {
    type Node = Node<'t>;

    fn load<T: serde::de::DeserializeOwned + Keyed>(
        &mut self,
        collection: &'static str,
        items: &Node<'t>,
        into: &mut Vec<Obj<T>>,
    ) {
        let file = self.context.file;
        let items = match items.kind {
            NodeKind::Seq(items) => items,
            _ if items.is_null() => &[],
            _ => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::WRONG_TYPE,
                        format!(
                            "`{collection}` must be a list of objects, found {}",
                            items.kind_name()
                        ),
                    )
                    .at(Location::new(file, items.span)),
                );
                return;
            }
        };
        into.reserve(items.len());
        for item in items {
            match de::from_node::<T>(item, self.context) {
                Ok(data) => into.push(Obj {
                    file,
                    span: item.span,
                    data: Box::new(data),
                }),
                Err(error) => {
                    self.diagnostics.push(error.to_diagnostic(file, item.span));
                    if let Some(key) = T::KEY_FIELD
                        .and_then(|field| item.get(field))
                        .and_then(Node::as_str)
                    {
                        self.failed.push((collection, key.to_string()));
                    }
                }
            }
        }
    }
}

/// Loads one file into a partial model.
fn load_file(file: FileId, text: &str, kind: FileKind) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut model = Model::default();
    let arena = bumpalo::Bump::new();
    let Some(root) = parse_tree(file, text, &arena, &mut diagnostics) else {
        return (model, diagnostics);
    };
    let severity = if kind == FileKind::Data {
        Severity::Error
    } else {
        Severity::Warning
    };
    let context = de::Context::new(file, severity);
    let mut failed = Vec::new();
    match kind {
        FileKind::Library | FileKind::Module => {
            let mut loader = ItemLoader {
                context: &context,
                diagnostics: &mut diagnostics,
                failed: &mut failed,
                tree: std::marker::PhantomData,
            };
            let single = Node {
                span: root.span,
                kind: NodeKind::Seq(std::slice::from_ref(&root)),
            };
            if kind == FileKind::Library {
                loader.load::<DeviceType>("device_types", &single, &mut model.device_types);
            } else {
                loader.load::<ModuleType>("module_types", &single, &mut model.module_types);
            }
        }
        FileKind::Data => match root.kind {
            NodeKind::Map(entries) => {
                for (key, value) in entries {
                    let name = key.as_str().unwrap_or_default();
                    let mut loader = ItemLoader {
                        context: &context,
                        diagnostics: &mut diagnostics,
                        failed: &mut failed,
                        tree: std::marker::PhantomData,
                    };
                    if !model.load_collection(name, value, &mut loader) {
                        let suggestions =
                            crate::diag::did_you_mean(name, COLLECTIONS.iter().copied());
                        let mut diagnostic = Diagnostic::new(
                            &codes::UNKNOWN_COLLECTION,
                            format!("unknown collection `{}`", crate::diag::quote(name)),
                        )
                        .at(Location::new(file, key.span));
                        diagnostic.help = crate::diag::suggestion_help(&suggestions);
                        diagnostics.push(diagnostic);
                    }
                }
            }
            _ if root.is_null() => {}
            _ => diagnostics.push(
                Diagnostic::new(
                    &codes::WRONG_TYPE,
                    format!(
                        "a data file must be a mapping of collections, found {}",
                        root.kind_name()
                    ),
                )
                .at(Location::new(file, root.span))
                .with_help("start the file with a collection name, e.g. `devices:`"),
            ),
        },
    }
    model.failed.extend(failed);
    diagnostics.extend(context.diagnostics.into_inner());
    (model, diagnostics)
}
