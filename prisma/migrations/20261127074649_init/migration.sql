-- CreateEnum
CREATE TYPE "Metal" AS ENUM ('SILVER', 'GOLD', 'PLATINUM', 'PALLADIUM');

-- CreateEnum
CREATE TYPE "ProductionStage" AS ENUM ('MINE', 'REFINED');

-- CreateEnum
CREATE TYPE "PriceKind" AS ENUM ('SPOT', 'MONTHLY_AVERAGE', 'ANNUAL_AVERAGE');

-- CreateTable
CREATE TABLE "sources" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "published_on" DATE,
    "note" TEXT,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "countries" (
    "id" SERIAL NOT NULL,
    "iso3" CHAR(3) NOT NULL,
    "iso2" CHAR(2),
    "name" TEXT NOT NULL,
    "is_aggregate" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "countries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_years" (
    "id" SERIAL NOT NULL,
    "country_id" INTEGER NOT NULL,
    "metal" "Metal" NOT NULL,
    "stage" "ProductionStage" NOT NULL,
    "year" INTEGER NOT NULL,
    "month_from" INTEGER NOT NULL DEFAULT 1,
    "month_to" INTEGER NOT NULL DEFAULT 12,
    "tonnes" DECIMAL(14,3) NOT NULL,
    "is_estimate" BOOLEAN NOT NULL DEFAULT false,
    "source_id" INTEGER,

    CONSTRAINT "production_years_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_flows" (
    "id" SERIAL NOT NULL,
    "reporter_id" INTEGER NOT NULL,
    "partner_id" INTEGER NOT NULL,
    "metal" "Metal" NOT NULL,
    "year" INTEGER NOT NULL,
    "month_from" INTEGER NOT NULL DEFAULT 1,
    "month_to" INTEGER NOT NULL DEFAULT 12,
    "tonnes" DECIMAL(14,3),
    "value_usd" DECIMAL(18,2),
    "is_estimate" BOOLEAN NOT NULL DEFAULT false,
    "source_id" INTEGER,

    CONSTRAINT "export_flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_points" (
    "id" SERIAL NOT NULL,
    "metal" "Metal" NOT NULL,
    "kind" "PriceKind" NOT NULL,
    "date" DATE NOT NULL,
    "price_usd_per_oz" DECIMAL(12,4) NOT NULL,
    "is_estimate" BOOLEAN NOT NULL DEFAULT false,
    "source_id" INTEGER,

    CONSTRAINT "price_points_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sources_name_key" ON "sources"("name");

-- CreateIndex
CREATE UNIQUE INDEX "countries_iso3_key" ON "countries"("iso3");

-- CreateIndex
CREATE UNIQUE INDEX "countries_iso2_key" ON "countries"("iso2");

-- CreateIndex
CREATE INDEX "production_years_metal_stage_year_idx" ON "production_years"("metal", "stage", "year");

-- CreateIndex
CREATE INDEX "production_years_source_id_idx" ON "production_years"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "production_years_country_id_metal_stage_year_month_from_mon_key" ON "production_years"("country_id", "metal", "stage", "year", "month_from", "month_to");

-- CreateIndex
CREATE INDEX "export_flows_partner_id_idx" ON "export_flows"("partner_id");

-- CreateIndex
CREATE INDEX "export_flows_source_id_idx" ON "export_flows"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "export_flows_reporter_id_partner_id_metal_year_month_from_m_key" ON "export_flows"("reporter_id", "partner_id", "metal", "year", "month_from", "month_to");

-- CreateIndex
CREATE INDEX "price_points_kind_date_idx" ON "price_points"("kind", "date");

-- CreateIndex
CREATE INDEX "price_points_source_id_idx" ON "price_points"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "price_points_metal_kind_date_key" ON "price_points"("metal", "kind", "date");

-- AddForeignKey
ALTER TABLE "production_years" ADD CONSTRAINT "production_years_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "countries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_years" ADD CONSTRAINT "production_years_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "countries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "countries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_points" ADD CONSTRAINT "price_points_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Check constraints, added by hand: Prisma's schema language cannot express them, and its diff
-- ignores them, so schema.prisma and the migrations still agree.
-- AddCheckConstraint
ALTER TABLE "countries"
    ADD CONSTRAINT "countries_iso3_check" CHECK ("iso3" ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT "countries_iso2_check" CHECK ("iso2" ~ '^[A-Z]{2}$');

-- AddCheckConstraint
ALTER TABLE "production_years"
    ADD CONSTRAINT "production_years_year_check" CHECK ("year" BETWEEN 1800 AND 2100),
    ADD CONSTRAINT "production_years_months_check" CHECK ("month_from" BETWEEN 1 AND 12 AND "month_to" BETWEEN 1 AND 12),
    ADD CONSTRAINT "production_years_period_check" CHECK ("month_from" <= "month_to"),
    ADD CONSTRAINT "production_years_tonnes_check" CHECK ("tonnes" >= 0);

-- AddCheckConstraint
ALTER TABLE "export_flows"
    ADD CONSTRAINT "export_flows_year_check" CHECK ("year" BETWEEN 1800 AND 2100),
    ADD CONSTRAINT "export_flows_months_check" CHECK ("month_from" BETWEEN 1 AND 12 AND "month_to" BETWEEN 1 AND 12),
    ADD CONSTRAINT "export_flows_period_check" CHECK ("month_from" <= "month_to"),
    ADD CONSTRAINT "export_flows_tonnes_check" CHECK ("tonnes" >= 0),
    ADD CONSTRAINT "export_flows_value_usd_check" CHECK ("value_usd" >= 0);

-- AddCheckConstraint
ALTER TABLE "price_points"
    ADD CONSTRAINT "price_points_date_check" CHECK ("date" BETWEEN DATE '1800-01-01' AND DATE '2100-12-31'),
    ADD CONSTRAINT "price_points_price_check" CHECK ("price_usd_per_oz" >= 0);
