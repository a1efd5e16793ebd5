//! The outlet registry: who publishes what, where, owned by whom.
//!
//! A registry is TOML data (the default is `data/outlets.toml`, compiled in): outlets with an id,
//! name, aliases, domains, country, ownership and kind, and a list of author and byline labels
//! that corpora sometimes give in place of an outlet. Lookups are by name or alias (case and a
//! leading "The" ignored) and by URL or domain (scheme, `www.`/`m.`/`amp.` prefixes, ports and
//! paths ignored; a subdomain resolves to its parent domain).
//!
//! ```
//! use framelens::{OutletKind, Ownership, Registry};
//!
//! let registry = Registry::default_registry()?;
//! let irna = registry.by_name("IRNA").unwrap();
//! assert_eq!((irna.id.as_str(), irna.country.as_str()), ("irna", "IR"));
//! assert_eq!((irna.ownership, irna.kind), (Ownership::State, OutletKind::Agency));
//! let by_url = registry.by_url("https://www.en.irna.ir/news/85123456/").unwrap();
//! assert_eq!(by_url.id, "irna");
//! # Ok::<(), framelens::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Who owns or controls an outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    /// Owned or controlled by a government without statutory editorial independence.
    State,
    /// Publicly funded public-service media with editorial independence in law.
    Public,
    /// Privately owned.
    Private,
    /// Not known: an outlet found only by its domain, or one whose owner the registry cannot
    /// document.
    Unknown,
}

/// What kind of outlet it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutletKind {
    /// A wire service.
    Agency,
    /// A print-first newspaper or magazine.
    Newspaper,
    /// A radio or television broadcaster.
    Broadcaster,
    /// A digital-first outlet, aggregator or other online source.
    Online,
    /// Not known: an outlet found only by its domain.
    Unknown,
}

/// One outlet in the registry. A field it does not know is an error (a misspelt `aliasses`
/// was ignored, and with it the aliases).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Unique id ("irna").
    pub id: String,
    /// Display name ("Islamic Republic News Agency").
    pub name: String,
    /// Other names it goes by ("IRNA").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Web domains ("irna.ir").
    #[serde(default)]
    pub domains: Vec<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// State, public or private.
    pub ownership: Ownership,
    /// Agency, newspaper, broadcaster or online.
    pub kind: OutletKind,
    /// One line on what the outlet is and the basis for its ownership label.
    #[serde(default)]
    pub note: String,
}

/// The country code of an outlet found only by its domain: `ZZ`, the user-assigned ISO 3166
/// code that CLDR uses for an unknown region.
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// The registrable domain of a URL or host ("news.example.co.uk" gives "example.co.uk"), from
/// the public suffix list (the `psl` crate, compiled in). `None` when the host is not under a
/// listed suffix or is itself a suffix.
pub fn registrable_domain(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let domain = psl::domain_str(&host)?;
    // A host made of a known suffix's labels only ("co.uk") has no registrable domain; psl also
    // answers for unlisted suffixes through its `*` rule, which a bare word TLD like "local"
    // reaches: keep only domains under a suffix the list names.
    let suffix = psl::suffix(domain.as_bytes())?;
    suffix.is_known().then(|| domain.to_string())
}

impl Outlet {
    /// An outlet known only by its registrable domain ("example.org").
    pub fn from_domain(domain: String) -> Outlet {
        Outlet {
            id: domain.clone(),
            name: domain.clone(),
            aliases: Vec::new(),
            domains: vec![domain],
            country: UNKNOWN_COUNTRY.to_string(),
            ownership: Ownership::Unknown,
            kind: OutletKind::Unknown,
            note: "not in the registry: identified by its registrable domain".to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegistry {
    #[serde(default)]
    outlet: Vec<toml::Spanned<Outlet>>,
    #[serde(default)]
    authors: Vec<String>,
}

/// An outlet registry with its lookup tables.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    outlets: Vec<Arc<Outlet>>,
    authors: HashSet<String>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

/// Lowercases, trims and drops a leading "the " so "The Guardian" and "guardian" meet.
fn name_key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    lower
        .strip_prefix("the ")
        .unwrap_or(&lower)
        .trim()
        .to_string()
}

/// The host of a URL or domain, lowercased, without scheme, credentials, port, path or the
/// `www.`/`m.`/`mobile.`/`amp.` prefixes.
pub fn host_of(url: &str) -> Option<String> {
    let s = url.trim();
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let s = s.split(['/', '?', '#']).next()?;
    let s = s.rsplit_once('@').map_or(s, |(_, host)| host);
    let s = s.split(':').next()?;
    let mut host = s.trim_end_matches('.').to_lowercase();
    for prefix in ["www.", "www1.", "www2.", "m.", "mobile.", "amp."] {
        if let Some(rest) = host.strip_prefix(prefix) {
            if rest.contains('.') {
                host = rest.to_string();
            }
        }
    }
    (host.contains('.') && !host.contains(' ')).then_some(host)
}

impl Registry {
    /// The default registry shipped with framelens (parsed once).
    pub fn default_registry() -> Result<Arc<Registry>> {
        static DEFAULT: OnceLock<Result<Arc<Registry>>> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                Registry::from_toml_str(include_str!("../data/outlets.toml"), "outlets.toml")
                    .map(Arc::new)
            })
            .clone()
    }

    /// Parses a registry from TOML text; `name` is used in error messages.
    pub fn from_toml_str(src: &str, name: &str) -> Result<Registry> {
        let lines = crate::lexicon::toml_format::Lines::new(src);
        let line_of = |offset: usize| lines.of(offset);
        let raw: RawRegistry = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(s.start));
            Error::registry(format!("{name} line {line}: {}", e.message()))
        })?;
        let mut registry = Registry::default();
        for spanned in raw.outlet {
            let line = line_of(spanned.span().start);
            let outlet = spanned.into_inner();
            registry
                .push(outlet)
                .map_err(|e| Error::registry(format!("{name} line {line}: {}", e.message())))?;
        }
        for a in raw.authors {
            registry.authors.insert(name_key(&a));
        }
        Ok(registry)
    }

    /// Reads a registry from a TOML file.
    pub fn from_toml_file(path: impl AsRef<std::path::Path>) -> Result<Registry> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path)
            .map_err(|e| Error::io(e, format_args!("cannot read registry {}", path.display())))?;
        Registry::from_toml_str(&src, &path.display().to_string())
    }

    /// Adds one outlet; its id, names and domains must be new.
    pub fn push(&mut self, outlet: Outlet) -> Result<()> {
        let bad = |msg: String| Err(Error::registry(msg));
        let id = &outlet.id;
        if id.trim().is_empty() {
            return bad("outlet has an empty id".into());
        }
        if self.by_id.contains_key(id) {
            return bad(format!("outlet `{id}` is defined twice"));
        }
        let c = &outlet.country;
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            return bad(format!(
                "outlet `{id}` has country `{c}`; use an ISO 3166-1 alpha-2 code like `IR`"
            ));
        }
        let idx = self.outlets.len();
        for n in std::iter::once(&outlet.name).chain(&outlet.aliases) {
            if n.trim().is_empty() {
                return bad(format!("outlet `{id}` has an empty name or alias"));
            }
            let key = name_key(n);
            if let Some(&other) = self.by_name.get(&key) {
                if other != idx {
                    return bad(format!(
                        "outlet `{id}`: the name `{n}` already belongs to `{}`",
                        self.outlets[other].id
                    ));
                }
            }
            self.by_name.insert(key, idx);
        }
        for d in &outlet.domains {
            let Some(host) = host_of(d) else {
                return bad(format!("outlet `{id}`: `{d}` is not a domain"));
            };
            if let Some(&other) = self.by_domain.get(&host) {
                // The outlet being added is not in `outlets` yet: a domain it lists twice
                // (`z.com`, `www.z.com`) pointed past the end.
                let owner = self
                    .outlets
                    .get(other)
                    .map_or(id.as_str(), |o| o.id.as_str());
                return bad(format!(
                    "outlet `{id}`: the domain `{d}` already belongs to `{owner}`"
                ));
            }
            self.by_domain.insert(host, idx);
        }
        self.by_id.insert(outlet.id.clone(), idx);
        self.outlets.push(Arc::new(outlet));
        Ok(())
    }

    /// Adds every outlet and author label of `other`.
    pub fn extend(&mut self, other: &Registry) -> Result<()> {
        for o in &other.outlets {
            self.push((**o).clone())?;
        }
        self.authors.extend(other.authors.iter().cloned());
        Ok(())
    }

    /// Every outlet, in file order.
    pub fn outlets(&self) -> &[Arc<Outlet>] {
        &self.outlets
    }

    /// The outlet with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Outlet>> {
        self.by_id.get(id).map(|&i| &self.outlets[i])
    }

    /// The outlet with this name or alias (case and a leading "The" ignored).
    pub fn by_name(&self, name: &str) -> Option<&Arc<Outlet>> {
        self.by_name.get(&name_key(name)).map(|&i| &self.outlets[i])
    }

    /// The outlet whose domain serves this URL (or a parent domain of its host).
    pub fn by_url(&self, url: &str) -> Option<&Arc<Outlet>> {
        let host = host_of(url)?;
        let mut h = host.as_str();
        loop {
            if let Some(&i) = self.by_domain.get(h) {
                return Some(&self.outlets[i]);
            }
            match h.split_once('.') {
                Some((_, parent)) if parent.contains('.') => h = parent,
                _ => return None,
            }
        }
    }

    /// The outlet serving this URL: the registry's (see [`Registry::by_url`]), else one made from
    /// the URL's registrable domain (id and name the domain, ownership and kind
    /// [`Ownership::Unknown`] and [`OutletKind::Unknown`], country [`UNKNOWN_COUNTRY`]). The bool
    /// is true when the outlet came from the registry.
    pub fn outlet_for_url(&self, url: &str) -> Option<(Arc<Outlet>, bool)> {
        if let Some(o) = self.by_url(url) {
            return Some((Arc::clone(o), true));
        }
        let domain = registrable_domain(url)?;
        Some((Arc::new(Outlet::from_domain(domain)), false))
    }

    /// True when `name` is a known author or byline label rather than an outlet.
    pub fn is_author(&self, name: &str) -> bool {
        self.authors.contains(&name_key(name))
    }

    /// The author and byline labels.
    pub fn authors(&self) -> impl Iterator<Item = &str> {
        self.authors.iter().map(String::as_str)
    }

    /// Rebuilds a registry from outlets and author labels (the inverse of [`Registry::outlets`]
    /// and [`Registry::authors`]).
    pub fn from_parts(outlets: Vec<Outlet>, authors: Vec<String>) -> Result<Registry> {
        let mut r = Registry::default();
        for o in outlets {
            r.push(o)?;
        }
        r.authors = authors.iter().map(|a| name_key(a)).collect();
        Ok(r)
    }

    /// The number of outlets.
    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    /// True when the registry has no outlets.
    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_lookups() {
        let r = Registry::default_registry().unwrap();
        let cases = [
            ("https://www.nytimes.com/2018/01/01/us/x.html", "nyt"),
            ("http://thecaucus.blogs.nytimes.com/post", "nyt"),
            ("https://m.washingtontimes.com/news/", "washington_times"),
            ("en.irna.ir", "irna"),
            ("https://user@apnews.com:443/article?x=1", "ap"),
            ("www1.cbn.com/cbnnews", "cbn"),
        ];
        for (url, id) in cases {
            assert_eq!(r.by_url(url).map(|o| o.id.as_str()), Some(id), "{url}");
        }
        assert_eq!(r.by_name("The Guardian").unwrap().id, "guardian");
        assert_eq!(r.by_name("IRNA").unwrap().ownership, Ownership::State);
        assert_eq!(r.by_name("hpo").unwrap().id, "huffpost");
        assert!(r.by_url("https://example.org/x").is_none());
        assert!(r.is_author("Guest Writer - Right"));
    }

    #[test]
    fn unknown_urls_resolve_by_registrable_domain() {
        let r = Registry::default_registry().unwrap();
        let cases = [
            ("https://www.example.org/x", "example.org"),
            ("https://news.city.example.co.uk/a/b", "example.co.uk"),
            ("blog.velska-post.com.au", "velska-post.com.au"),
            ("HTTPS://Harbor-Ledger.NET:8080/?q=1", "harbor-ledger.net"),
        ];
        for (url, domain) in cases {
            let (o, known) = r.outlet_for_url(url).unwrap();
            assert!(!known, "{url}");
            assert_eq!((o.id.as_str(), o.ownership), (domain, Ownership::Unknown));
        }
        let (o, known) = r.outlet_for_url("https://m.nytimes.com/x").unwrap();
        assert!(known && o.id == "nyt");
        for bad in ["co.uk", "localhost", "10.0.0.1", "printer.lan", ""] {
            assert_eq!(registrable_domain(bad), None, "{bad}");
        }
    }

    #[test]
    fn registry_size_and_basis_notes() {
        let r = Registry::default_registry().unwrap();
        assert!(r.len() >= 600, "{} outlets", r.len());
        let mut with_basis = 0;
        for o in r.outlets() {
            assert!(!o.note.trim().is_empty(), "`{}` has no note", o.id);
            // A basis note opens with its label: "state-owned: ...", "public: ...".
            let Some((label, basis)) = o.note.split_once(": ") else {
                continue;
            };
            let expected = match label {
                "state-owned" | "state-controlled" => Ownership::State,
                "public" => Ownership::Public,
                "private" => Ownership::Private,
                "unknown" => Ownership::Unknown,
                _ => continue,
            };
            assert_eq!(o.ownership, expected, "`{}`: {}", o.id, o.note);
            assert!(
                basis.split_whitespace().count() >= 3,
                "`{}`: {}",
                o.id,
                o.note
            );
            with_basis += 1;
        }
        assert!(with_basis >= 600, "{with_basis} outlets with a basis note");
        let countries = |own: Ownership| {
            r.outlets()
                .iter()
                .filter(|o| o.ownership == own)
                .map(|o| o.country.as_str())
                .collect::<HashSet<_>>()
                .len()
        };
        assert!(
            countries(Ownership::State) >= 90,
            "{}",
            countries(Ownership::State)
        );
        let agencies = r
            .outlets()
            .iter()
            .filter(|o| o.kind == OutletKind::Agency)
            .count();
        assert!(agencies >= 120, "{agencies} agencies");
    }

    #[test]
    fn registry_errors_name_line_and_outlet() {
        let src = "outlet = [\n  { id = \"a\", name = \"A\", country = \"usa\", ownership = \"private\", kind = \"online\" },\n]\n";
        let err = Registry::from_toml_str(src, "r.toml").unwrap_err();
        assert!(
            err.message()
                .starts_with("r.toml line 2: outlet `a` has country `usa`"),
            "{err}"
        );
        let src = "outlet = [\n  { id = \"a\", name = \"A\", country = \"US\", ownership = \"owned\", kind = \"online\" },\n]\n";
        let err = Registry::from_toml_str(src, "r.toml").unwrap_err();
        assert!(err.message().contains("r.toml line 2"), "{err}");
    }
}
