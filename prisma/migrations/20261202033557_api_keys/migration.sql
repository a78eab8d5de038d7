-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('EDITOR', 'ADMIN');

-- AlterTable
ALTER TABLE "export_flows" ADD COLUMN     "written_by" INTEGER;

-- AlterTable
ALTER TABLE "price_points" ADD COLUMN     "written_by" INTEGER;

-- AlterTable
ALTER TABLE "production_years" ADD COLUMN     "written_by" INTEGER;

-- AlterTable
ALTER TABLE "reserves" ADD COLUMN     "written_by" INTEGER;

-- CreateTable
CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "lookup" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_lookup_key" ON "api_keys"("lookup");

-- AddForeignKey
ALTER TABLE "production_years" ADD CONSTRAINT "production_years_written_by_fkey" FOREIGN KEY ("written_by") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_flows" ADD CONSTRAINT "export_flows_written_by_fkey" FOREIGN KEY ("written_by") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_points" ADD CONSTRAINT "price_points_written_by_fkey" FOREIGN KEY ("written_by") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_written_by_fkey" FOREIGN KEY ("written_by") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (Prisma schema language has neither partial indexes nor CHECK constraints):
-- a name belongs to one active key at a time (a revoked key keeps its name for the figures it wrote).
CREATE UNIQUE INDEX "api_keys_active_name_key" ON "api_keys"("name") WHERE "revoked_at" IS NULL;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_name_not_blank" CHECK (length(btrim("name")) > 0);
