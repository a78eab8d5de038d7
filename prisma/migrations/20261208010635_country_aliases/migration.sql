-- CreateTable
CREATE TABLE "country_aliases" (
    "id" SERIAL NOT NULL,
    "country_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,

    CONSTRAINT "country_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "country_aliases_country_id_idx" ON "country_aliases"("country_id");

-- AddForeignKey
ALTER TABLE "country_aliases" ADD CONSTRAINT "country_aliases_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "countries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma schema language has neither expression indexes nor CHECK constraints):
-- an alias names one country whatever its case (a search matches it case-insensitively), and is
-- never blank or padded.
CREATE UNIQUE INDEX "country_aliases_lower_alias_key" ON "country_aliases"(lower("alias"));
ALTER TABLE "country_aliases" ADD CONSTRAINT "country_aliases_alias_trimmed" CHECK (length("alias") > 0 AND "alias" = btrim("alias"));
