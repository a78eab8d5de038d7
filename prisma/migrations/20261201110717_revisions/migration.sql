-- Revisions (docs/domain.md "Editions, revisions and as of"): every figure is one revision of an
-- observation under one source. The observation key plus source_id is unique, and is_current marks
-- the one current revision (maintained by the writer, one per observation by a partial unique index).

-- AlterEnum: US refinery production by feed material, as USGS reports it (PostgreSQL 12+ may add
-- several values in one transaction, and none is used before it commits).
-- No semicolon may appear in this file except at the end of a statement: the PostgreSQL driver
-- adapter splits migration scripts on every semicolon.

ALTER TYPE "ProductionStage" ADD VALUE 'REFINED_PRIMARY';
ALTER TYPE "ProductionStage" ADD VALUE 'REFINED_SECONDARY';

-- Every figure has a source from now on. Rows without one (possible only through ON DELETE SET NULL
-- of the old foreign key) stop the migration here with a message saying so, rather than at SET NOT NULL
-- below (which Prisma reports as a bare "Null constraint failed"). The block is an E'' string whose
-- statement separators are written \073, since this file may hold no other semicolons (see above).
DO E'DECLARE missing bigint \073
BEGIN
    SELECT (SELECT count(*) FROM "production_years" WHERE "source_id" IS NULL)
         + (SELECT count(*) FROM "export_flows" WHERE "source_id" IS NULL)
         + (SELECT count(*) FROM "price_points" WHERE "source_id" IS NULL)
      INTO missing \073
    IF missing > 0 THEN
        RAISE EXCEPTION ''migration revisions: % production, export or price row(s) have no source, and every figure needs one from now on. Set their source_id (or delete them), then migrate again.'', missing \073
    END IF \073
END';

-- The dataset's former source "USGS" held the MCS 2025 figures the article cites: it becomes that
-- edition (data/sources.csv), so that seeding again updates those rows instead of adding revisions.
UPDATE "sources" SET "name" = 'USGS Mineral Commodity Summaries 2025', "published_on" = DATE '2025-01-31'
 WHERE "name" = 'USGS'
   AND NOT EXISTS (SELECT 1 FROM "sources" WHERE "name" = 'USGS Mineral Commodity Summaries 2025');

-- DropForeignKey
ALTER TABLE "export_flows" DROP CONSTRAINT "export_flows_source_id_fkey";

-- DropForeignKey
ALTER TABLE "price_points" DROP CONSTRAINT "price_points_source_id_fkey";

-- DropForeignKey
ALTER TABLE "production_years" DROP CONSTRAINT "production_years_source_id_fkey";

-- DropIndex
DROP INDEX "export_flows_reporter_id_partner_id_metal_year_month_from_m_key";

-- DropIndex
DROP INDEX "price_points_metal_kind_date_key";

-- DropIndex
DROP INDEX "production_years_country_id_metal_stage_year_month_from_mon_key";

-- AlterTable
ALTER TABLE "export_flows" ADD COLUMN     "is_current" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_derived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "written_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "source_id" SET NOT NULL;

-- AlterTable
ALTER TABLE "price_points" ADD COLUMN     "is_current" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_derived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "written_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "source_id" SET NOT NULL;

-- AlterTable
ALTER TABLE "production_years" ADD COLUMN     "is_current" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_derived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "written_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "source_id" SET NOT NULL;

-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "licence" TEXT;

-- Under the old keys each observation had one row: it is the current revision.
UPDATE "production_years" SET "is_current" = true;
UPDATE "export_flows" SET "is_current" = true;
UPDATE "price_points" SET "is_current" = true;

-- CreateTable
CREATE TABLE "reserves" (
    "id" SERIAL NOT NULL,
    "country_id" INTEGER NOT NULL,
    "metal" "Metal" NOT NULL,
    "tonnes" DECIMAL(14,3) NOT NULL,
    "is_estimate" BOOLEAN NOT NULL DEFAULT false,
    "is_current" BOOLEAN NOT NULL DEFAULT false,
    "written_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "reserves_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reserves_source_id_idx" ON "reserves"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "reserves_country_id_metal_source_id_key" ON "reserves"("country_id", "metal", "source_id");

-- CreateIndex (by hand, like every *_current_key below: partial unique indexes are not in schema.prisma)
CREATE UNIQUE INDEX "reserves_current_key" ON "reserves"("country_id", "metal") WHERE (is_current);

-- CreateIndex
CREATE UNIQUE INDEX "export_flows_reporter_id_partner_id_metal_year_month_from_m_key" ON "export_flows"("reporter_id", "partner_id", "metal", "year", "month_from", "month_to", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "export_flows_current_key" ON "export_flows"("reporter_id", "partner_id", "metal", "year", "month_from", "month_to") WHERE (is_current);

-- CreateIndex
CREATE UNIQUE INDEX "price_points_metal_kind_date_source_id_key" ON "price_points"("metal", "kind", "date", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_points_current_key" ON "price_points"("metal", "kind", "date") WHERE (is_current);

-- CreateIndex
CREATE UNIQUE INDEX "production_years_country_id_metal_stage_year_month_from_mon_key" ON "production_years"("country_id", "metal", "stage", "year", "month_from", "month_to", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "production_years_current_key" ON "production_years"("country_id", "metal", "stage", "year", "month_from", "month_to") WHERE (is_current);

-- AddForeignKey
ALTER TABLE "production_years" ADD CONSTRAINT "production_years_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_points" ADD CONSTRAINT "price_points_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "countries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Check constraints, added by hand (see the init migration).
-- AddCheckConstraint: argentum's derived values are always estimates.
ALTER TABLE "production_years" ADD CONSTRAINT "production_years_derived_check" CHECK (NOT "is_derived" OR "is_estimate");
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_derived_check" CHECK (NOT "is_derived" OR "is_estimate");
ALTER TABLE "price_points" ADD CONSTRAINT "price_points_derived_check" CHECK (NOT "is_derived" OR "is_estimate");

-- AddCheckConstraint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_tonnes_check" CHECK ("tonnes" >= 0);
