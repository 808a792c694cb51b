//! The command line: serve, migrate, demo, operator. Thin: the work is in the library.

use clap::{Parser, Subcommand};
use server::{config::Config, services::clock::SystemClock};
use std::{process::ExitCode, sync::Arc};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

// Pages allocate many small strings and views: glibc malloc was a fifth of a page's CPU time.
#[global_allocator]
static GLOBAL: server::alloc::Allocator = server::alloc::Allocator;

#[derive(Parser)]
#[command(
    name = "server",
    about = "Tierlink: the partner portal for the two-tier reseller model"
)]
struct Cli {
    #[command(flatten)]
    settings: server::config::Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
    /// Fill an empty database with demo organizations and users, and print the sign-ins.
    Demo,
    /// Fill an empty database with benchmark data and write `token cookie` pairs to a file.
    BenchData {
        #[arg(long, default_value_t = 1000)]
        providers: usize,
        #[arg(long, default_value_t = 10_000)]
        resellers: usize,
        /// Where to write the pairs (one pending request and a reseller session per line).
        #[arg(long, default_value = "bench-pairs.txt")]
        out: std::path::PathBuf,
    },
    /// Measure SQLite's single-row commit rate on this database (writes, then removes, a table of
    /// its own): the ceiling the accept benchmark is compared with.
    BenchCommits {
        #[arg(long, default_value_t = 5000)]
        total: usize,
        #[arg(long, default_value_t = 50)]
        concurrency: usize,
    },
    /// Fill an empty database with one provider, its resellers, customers and subscriptions at
    /// scale, and write what the scale benchmark needs to a file.
    BenchScale {
        #[arg(long, default_value_t = 1000)]
        resellers: usize,
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        subscriptions: usize,
        /// Where to write the values the benchmark needs (`name='value'` lines, for a shell).
        #[arg(long, default_value = "bench-scale.env")]
        out: std::path::PathBuf,
    },
    /// Write a consistent copy of the live SQLite database to a new file, while it serves.
    Backup {
        /// The file to write (it must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Copy every table into another, empty database (SQLite to PostgreSQL, to move an
    /// instance), checking row counts and checksums before committing. Sessions survive.
    Copy {
        /// The database to copy (for example sqlite://data/tierlink.db).
        #[arg(long)]
        from: String,
        /// The empty database to fill (for example postgres://tierlink@db/tierlink).
        #[arg(long)]
        to: String,
    },
    /// Manage operator accounts.
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Create an operator user (its password is generated and printed unless given).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Operator")]
        name: String,
        #[arg(long, env = "TIERLINK_OPERATOR_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    if cli.settings.log_json {
        tracing_subscriber::registry()
            .with(filter)
            .with(fmt::layer().json())
            .init();
    } else {
        tracing_subscriber::registry()
            .with(filter)
            .with(fmt::layer())
            .init();
    }
    let config = match Config::from_settings(cli.settings) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(config, cli.command.unwrap_or(Command::Serve)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config, command: Command) -> Result<(), Box<dyn std::error::Error>> {
    if let Command::Copy { from, to } = &command {
        return copy(from, to, config.db_max_connections).await;
    }
    let listen = config.listen;
    let public_url = config.public_url.clone();
    let services = server::services(config, Arc::new(SystemClock)).await?;
    match command {
        Command::Migrate => println!("The database is up to date."),
        Command::Demo => match server::tools::demo::fill(&services).await? {
            None => println!("The database already holds organizations; demo data was not added."),
            Some(filled) => {
                println!(
                    "Demo data added. Sign in at {public_url}/sign-in with password {:?}:",
                    server::tools::demo::PASSWORD
                );
                for s in filled.sign_ins {
                    let language = s.language.map(|l| format!(" ({l})")).unwrap_or_default();
                    println!(
                        "  {:<40} {:<28} {}{language}",
                        s.email, s.organization, s.roles
                    );
                }
                println!(
                    "A pending partnership request from Contoso to Northwind (sign in as zsofia@northwind.example):"
                );
                println!("  {}", filled.pending_link);
                println!(
                    "A pending reseller relationship request from Fabrikam, for a new customer (create the customer on the page):"
                );
                println!("  {}", filled.customer_link);
                println!("Contoso's API token «Nightly CRM sync» (the API: /api/v1/openapi.json):");
                println!(
                    "  curl -H 'Authorization: Bearer {}' {}/api/v1/customers",
                    filled.api_token, public_url
                );
            }
        },
        Command::Backup { to } => {
            let bytes = server::tools::backup::backup(services.pool(), &to).await?;
            println!("Backed up to {} ({bytes} bytes).", to.display());
        }
        Command::Copy { .. } => {}
        Command::Operator {
            command:
                OperatorCommand::Create {
                    email,
                    name,
                    password,
                },
        } => match server::tools::operator::create(&services, &email, &name, password).await? {
            Some(generated) => println!(
                "Operator {email} created. Temporary password (shown once, to be changed at first sign-in): {generated}"
            ),
            None => println!("Operator {email} created."),
        },
        Command::BenchData {
            providers,
            resellers,
            out,
        } => {
            let made = server::tools::bench::fill(
                &services,
                &server::tools::bench::Counts {
                    providers,
                    resellers,
                },
            )
            .await?;
            std::fs::write(&out, made.pairs)?;
            println!(
                "Made {providers} providers and {resellers} resellers, each reseller with a session and a pending request, in {:.1} s; pairs in {}",
                made.seconds,
                out.display()
            );
        }
        Command::BenchCommits { total, concurrency } => {
            let rate =
                server::tools::bench::commits_per_second(&services, total, concurrency).await?;
            println!("single-row commits: {rate:.0}/s ({total} commits, {concurrency} writers)");
        }
        Command::BenchScale {
            resellers,
            customers,
            subscriptions,
            out,
        } => {
            let made = server::tools::bench_scale::fill(
                &services,
                &server::tools::bench_scale::Counts {
                    resellers,
                    customers,
                    subscriptions,
                },
            )
            .await?;
            for phase in &made.phases {
                println!(
                    "  {:<52} {:>9} rows {:>6.1} s",
                    phase.name, phase.rows, phase.seconds
                );
            }
            let values: String = made
                .values
                .iter()
                .map(|(name, value)| format!("{name}='{}'\n", value.replace('\'', r"'\''")))
                .collect();
            std::fs::write(&out, &values)?;
            print!("{values}");
            println!(
                "Made 1 provider, {resellers} resellers, {customers} customers and {subscriptions} subscriptions in {:.1} s; values for the benchmark in {}",
                made.seconds,
                out.display()
            );
        }
        Command::Serve => {
            let router = server::router(&services);
            tokio::spawn(server::sweep_idle_sessions(services.clone()));
            tokio::spawn(server::services::peers::listen(services.clone()));
            let deliveries =
                tokio::spawn(server::services::webhooks::deliver::job(services.clone()));
            tokio::spawn(server::services::notices::expiry_job(
                services.clone(),
                server::services::notices::EXPIRY_CHECK_EVERY,
            ));
            let listener = tokio::net::TcpListener::bind(listen).await?;
            tracing::info!("listening on http://{listen} (public URL {public_url})");
            let config = services.config();
            let limits = server::serve::Limits {
                header_timeout: config.header_timeout,
                shutdown_grace: config.shutdown_grace,
            };
            let closing = services.clone();
            let shutdown = async move {
                shutdown_signal().await;
                // Open event streams end, or they would hold the graceful shutdown up.
                closing.close();
            };
            server::serve::serve(listener, router, limits, shutdown).await;
            // The delivery job gives back what it was sending before the database closes.
            match tokio::time::timeout(std::time::Duration::from_secs(5), deliveries).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::error!(error = ?e, "the webhook delivery job failed"),
                Err(_) => {
                    tracing::warn!(
                        "webhook deliveries not given back at exit: their leases run out"
                    )
                }
            }
            // A request still running after the grace period must not hold the exit up either.
            if tokio::time::timeout(std::time::Duration::from_secs(5), services.pool().close())
                .await
                .is_err()
            {
                tracing::warn!("database connections still in use at exit");
            }
            tracing::info!("stopped");
        }
    }
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// `server copy`: opens both databases (migrating each to this version) and copies.
async fn copy(from: &str, to: &str, connections: u32) -> Result<(), Box<dyn std::error::Error>> {
    let open = |url: &str| {
        let url = url.to_owned();
        async move {
            server::db::connect(&url, connections).await.map_err(|e| {
                format!(
                    "the database at {} could not be opened or migrated: {e}",
                    server::db::without_password(&url)
                )
            })
        }
    };
    // A mistyped SQLite path must not become a new, empty source that copies nothing.
    if server::db::backend_of(from) == Some(server::db::Backend::Sqlite) {
        let path = from
            .trim_start_matches("sqlite:")
            .trim_start_matches("//")
            .split('?')
            .next()
            .unwrap_or_default();
        if !std::path::Path::new(path).is_file() {
            return Err(format!("there is no database file at {path}").into());
        }
    }
    let (source, target) = (open(from).await?, open(to).await?);
    let started = std::time::Instant::now();
    let copied = server::tools::copy::copy(&source, &target).await?;
    for (table, rows) in &copied.tables {
        println!("  {table:<24} {rows:>9} rows");
    }
    println!(
        "Copied {} tables in {:.1} s; row counts and checksums match.",
        copied.tables.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
