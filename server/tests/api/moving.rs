//! Moving an instance (`server copy`) and backing up a live one (`server backup`), issue 21.

use crate::common::{
    TestApp, new_postgres_database, on_sqlite, postgres_server, provider, reseller, spawn_on,
};
use http::StatusCode;
use server::{
    db,
    tools::{backup, copy},
};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

/// A test app on a new SQLite file, whatever backend the suite runs on (the source of a move).
async fn on_a_sqlite_file(dir: Arc<tempfile::TempDir>, name: &str) -> TestApp {
    let url = format!("sqlite://{}/{name}", dir.path().display());
    spawn_on(
        url,
        dir,
        Arc::new(server::services::clock::ManualClock::new(
            crate::common::START_MS,
        )),
    )
    .await
}

/// A new, empty database of the suite's backend: a PostgreSQL database, or another SQLite file.
async fn empty_target(dir: &tempfile::TempDir) -> String {
    match postgres_server() {
        Some(server) => new_postgres_database(&server).await,
        None => format!("sqlite://{}/target.db", dir.path().display()),
    }
}

#[tokio::test]
async fn a_copy_keeps_every_row_and_signed_in_sessions_and_refuses_a_filled_target() {
    let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
    let source = on_a_sqlite_file(dir.clone(), "source.db").await;
    let provider = provider(&source).await;
    let reseller = reseller(&source).await;
    source.partner_up(&provider, &reseller).await;
    let target_url = empty_target(&dir).await;
    let target_pool = db::connect(&target_url, 2).await.expect("the target");

    let copied = copy::copy(source.services.pool(), &target_pool)
        .await
        .expect("copied");
    assert_eq!(
        copied.tables.len(),
        copy::TABLES.len() - 1,
        "all but job_runs"
    );
    for (table, rows) in &copied.tables {
        assert_eq!(
            i64::try_from(*rows).unwrap(),
            source.count(table).await,
            "{table}"
        );
    }
    // The moved instance: the same sessions sign the same people in, and it keeps working.
    target_pool.close().await;
    let moved = spawn_on(target_url.clone(), dir.clone(), source.clock.clone()).await;
    for table in copy::TABLES {
        assert_eq!(
            moved.count(table).await,
            source.count(table).await,
            "{table}"
        );
    }
    assert_eq!(moved.me(&provider).await["email"], "anna@contoso.example");
    let r = moved.call("request_partnership", "", Some(&provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = moved.call("list_notifications", "", Some(&provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Again into the now filled database: refused, naming the tables, nothing written.
    let before = moved.count("invitations").await;
    let again = copy::copy(source.services.pool(), moved.services.pool()).await;
    match again {
        Err(copy::CopyError::NotEmpty(tables)) => {
            assert!(
                tables.contains("organizations") && tables.contains("sessions"),
                "{tables}"
            );
        }
        other => panic!("expected a refusal, got {:?}", other.map(|c| c.tables)),
    }
    assert_eq!(moved.count("invitations").await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_writes_is_whole_and_holds_every_acknowledged_write() {
    if !on_sqlite() {
        return; // SQLite's backup; PostgreSQL is backed up with pg_dump
    }
    let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
    let app = on_a_sqlite_file(dir.clone(), "live.db").await;
    let provider = provider(&app).await;
    // Enough rows that the copy takes a while (writes go on meanwhile).
    let org = crate::common::org_id(&app, &provider).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         INSERT INTO activity_entries (id, organization_id, actor_name, action, subject, at)
         SELECT 'bulk-' || i, $1, 'Bench', 'user.added', 'user ' || i, i FROM n",
    )
    .bind(&org)
    .execute(match app.services.pool() {
        db::Pool::Sqlite(p) => p,
        db::Pool::Postgres(_) => unreachable!("SQLite only"),
    })
    .await
    .expect("bulk rows");
    // A writer that never stops until told: each acknowledged request is a new invitation.
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (app_router, provider) = (app.router.clone(), provider.clone());
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        let probe = TestApp {
            router: app_router,
            services: app.services.clone(),
            clock: app.clock.clone(),
            db_url: app.db_url.clone(),
            dir: app.dir.clone(),
        };
        tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let r = probe.call("request_partnership", "", Some(&provider)).await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.body);
                acknowledged.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while acknowledged.load(Ordering::SeqCst) < 20 {
        if writer.is_finished() || std::time::Instant::now() > deadline {
            stop.store(true, Ordering::SeqCst);
            writer.await.expect("the writer failed");
            panic!("the writer stopped before 20 writes");
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before = acknowledged.load(Ordering::SeqCst);
    let file = dir.path().join("backup.db");
    // As `server backup` does: another process, a pool of its own on the live file.
    let other = db::connect(&app.db_url, 1).await.expect("a second pool");
    let bytes = backup::backup(&other, &file).await;
    let after = acknowledged.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("the writer");
    let bytes = bytes.expect("backed up");
    assert!(bytes > 0);
    assert!(after > before, "writes went on during the backup");

    let copy = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
        .await
        .expect("the backup opens");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert!(
        usize::try_from(held).unwrap() >= before,
        "{held} invitations in the backup, {before} acknowledged before it began"
    );
    assert!(usize::try_from(held).unwrap() <= acknowledged.load(Ordering::SeqCst) + 1);
    // A second backup to the same file is refused.
    assert!(matches!(
        backup::backup(app.services.pool(), &file).await,
        Err(backup::BackupError::Exists(_))
    ));
}
