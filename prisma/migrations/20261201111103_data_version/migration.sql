-- CreateTable
CREATE TABLE "data_version" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "epoch" UUID NOT NULL DEFAULT gen_random_uuid(),

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id")
);

-- One row only (added by hand: Prisma schema language has no CHECK constraints).
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_single_row" CHECK ("id" = 1);
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_version_nonnegative" CHECK ("version" >= 0);

-- The row itself, at version 0: writes bump it (src/db/data-version.ts).
INSERT INTO "data_version" ("id", "version") VALUES (1, 0);
